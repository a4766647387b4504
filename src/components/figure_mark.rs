//! One figure in its body: `<data value="24877000000">248.77亿元</data>`,
//! focusable, its details in a tooltip shown on hover and on focus.
//!
//! The tooltip is built only while it is shown. A bulletin has dozens of
//! figures and each tooltip is a dozen elements: built up front they were
//! most of the page's DOM, and most of the time from paste to screen. Until
//! then the `title` carries the same details (native tooltip, and the
//! accessible description).

use bulletin_parser::Figure;
use yew::prelude::*;

use crate::view::figure_info::{details, title};
use crate::view::i18n::Lang;
use crate::view::numfmt::plain_decimal;
use crate::view::outline::{figure_anchor, tip_anchor};

#[derive(Properties, PartialEq)]
pub struct FigureMarkProps {
    pub lang: Lang,
    pub figure: Figure,
    /// The text as it stands in the body (normally `figure.text`).
    pub text: AttrValue,
    pub item: usize,
    pub index: usize,
    #[prop_or_default]
    pub bold: bool,
}

/// Why the tooltip is up: the pointer is over the figure, it has the focus,
/// or both (leaving one keeps it up for the other).
#[derive(Clone, Copy, Default, PartialEq)]
struct Shown {
    hover: bool,
    focus: bool,
}

#[component]
pub fn FigureMark(props: &FigureMarkProps) -> Html {
    let f = &props.figure;
    let shown = use_state_eq(Shown::default);
    let open = shown.hover || shown.focus;
    let tip = use_node_ref();
    {
        // The tooltip stays inside the window: shifted left (or right) by
        // what would stick out.
        let tip = tip.clone();
        use_effect_with(open, move |open| {
            if *open {
                keep_inside_window(&tip);
            }
        });
    }
    let tip_id = tip_anchor(props.item, props.index);
    let class = classes!(
        "fig",
        format!("fig-{}", f.kind.as_str()),
        props.bold.then_some("bold"),
        f.corrected.then_some("corrected")
    );
    // The tooltip is a sibling, not a child, so the `<data>` element's text
    // stays exactly the figure's text.
    html! {
        <span class="fig-wrap">
            <data
                id={figure_anchor(props.item, props.index)}
                class={class}
                value={plain_decimal(f.value)}
                tabindex="0"
                title={title(props.lang, f)}
                aria-describedby={open.then(|| tip_id.clone())}
                data-kind={f.kind.as_str()}
                onmouseover={update(&shown, |s| s.hover = true)}
                onmouseout={update(&shown, |s| s.hover = false)}
                onfocus={update(&shown, |s| s.focus = true)}
                onblur={update(&shown, |s| s.focus = false)}
            >{ props.text.clone() }</data>
            if open {
                <span class="fig-tip" role="tooltip" id={tip_id} ref={tip}>
                    <dl>
                        { for details(props.lang, f).into_iter().map(|(k, v)| html! {
                            <div><dt>{ k }</dt><dd>{ v }</dd></div>
                        }) }
                    </dl>
                </span>
            }
        </span>
    }
}

/// Moves the tooltip sideways so that all of it is inside the window.
fn keep_inside_window(tip: &NodeRef) {
    const MARGIN: f64 = 8.0;
    let (Some(el), Some(window)) = (tip.cast::<web_sys::Element>(), crate::browser::window())
    else {
        return;
    };
    let width = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    let rect = el.get_bounding_client_rect();
    let shift = if rect.right() > width - MARGIN {
        (width - MARGIN - rect.right()).max(MARGIN - rect.left())
    } else if rect.left() < MARGIN {
        MARGIN - rect.left()
    } else {
        return;
    };
    let _ = el.set_attribute("style", &format!("left: {shift:.0}px"));
}

/// A handler for any event that changes why the tooltip is up.
fn update<E: 'static>(shown: &UseStateHandle<Shown>, change: fn(&mut Shown)) -> Callback<E> {
    let shown = shown.clone();
    Callback::from(move |_: E| {
        let mut next = *shown;
        change(&mut next);
        shown.set(next);
    })
}
