//! How far a parse has got, as shown on the page.

use yew::prelude::*;

use super::worker::parse::Progress;

/// A bar and "正在解析 37 / 200" while a batch is parsed; nothing otherwise.
/// A single large text has no count to show: its bar is indeterminate.
pub fn progress_bar(progress: Option<Progress>) -> Html {
    let Some(Progress { done, total }) = progress else {
        return Html::default();
    };
    let counted = total > 1;
    let label = if counted {
        format!("正在解析 {done} / {total}")
    } else {
        "正在解析…".to_owned()
    };
    html! {
        <div class="parse-progress" role="status" aria-live="polite">
            if counted {
                <progress max={total.to_string()} value={done.to_string()} aria-label="解析进度"></progress>
            } else {
                <progress aria-label="解析进度"></progress>
            }
            <span class="parse-progress__label">{ label }</span>
        </div>
    }
}
