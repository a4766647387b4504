//! The "新版本可用 — 刷新" bar: shown when a new version of the page has been
//! downloaded and waits; clicking 刷新 lets it take over and reloads.
//! Never shown from `file://` (no service worker there).

use yew::prelude::*;

use super::service_worker::{self, UpdateReady};

#[function_component(UpdateBanner)]
pub fn update_banner() -> Html {
    let update = use_state(|| None::<UpdateReady>);
    {
        let update = update.clone();
        use_effect_with((), move |_| {
            service_worker::register(move |ready| update.set(Some(ready)));
        });
    }
    let Some(ready) = (*update).clone() else {
        return Html::default();
    };
    let onclick = Callback::from(move |_: MouseEvent| ready.apply());
    html! {
        <div class="update-banner" role="status" aria-live="polite">
            <span class="update-banner__text">{ "新版本可用" }</span>
            { " — " }
            <button type="button" class="update-banner__reload" {onclick}>{ "刷新" }</button>
        </div>
    }
}
