//! One figure in its body: `<data value="24877000000">248.77亿元</data>`,
//! focusable, its details in a tooltip shown on hover and on focus.

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

#[component]
pub fn FigureMark(props: &FigureMarkProps) -> Html {
    let f = &props.figure;
    let tip_id = tip_anchor(props.item, props.index);
    let class = classes!("fig", format!("fig-{}", f.kind.as_str()), props.bold.then_some("bold"));
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
                aria-describedby={tip_id.clone()}
                data-kind={f.kind.as_str()}
            >{ props.text.clone() }</data>
            <span class="fig-tip" role="tooltip" id={tip_id}>
                <dl>
                    { for details(props.lang, f).into_iter().map(|(k, v)| html! {
                        <div><dt>{ k }</dt><dd>{ v }</dd></div>
                    }) }
                </dl>
            </span>
        </span>
    }
}
