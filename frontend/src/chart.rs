//! Charts as server-rendered SVG: a line over time, horizontal bars, columns and box plots.
//!
//! Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` (its text alternative),
//! works without JavaScript, and writes its values beside the marks, so colour never carries
//! meaning alone; the page puts a data table with the same numbers next to it. Colours come from
//! classes in `static/app.css` (the content security policy forbids `style` attributes).
//!
//! Hand-written rather than a plotting crate: the marks are few and simple, and the crates at
//! hand measure text with font files and emit SVG without a title, a description or roles.

use crate::Lang;

/// The width of every chart's coordinate system; it scales to its container.
const WIDTH: f64 = 640.0;
/// The room for labels left of a bar chart's bars.
const BAR_LABEL: f64 = 210.0;
/// The longest label written there, in characters.
const LABEL_CHARS: usize = 26;

/// A rendered chart: SVG markup whose text is escaped, for `{{ chart.svg|safe }}`.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub svg: String,
}

/// One line of a line chart: its label and one value per x position.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub values: Vec<f64>,
}

/// A labelled value on a chart's axis: a horizontal line at `value` (a capacity, say) or a
/// vertical line at x position `value` (a deadline).
#[derive(Debug, Clone)]
pub struct Guide {
    pub label: String,
    pub value: f64,
}

/// One bar: its label, its value, and optionally the most it can reach (a capacity), drawn as
/// a track behind the bar and written as "value / max".
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub max: Option<f64>,
}

/// The five numbers of a box plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// A number as people of `lang` write it: "1.234,5" in German, "1,234.5" in English, with
/// `decimals` digits after the point (trailing zeros kept).
pub fn num(lang: Lang, value: f64, decimals: usize) -> String {
    let (group, point) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A "nice" upper end for an axis that must show `max`: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * power)
}

/// A label cut to `max` characters, with an ellipsis when cut (the table has it in full).
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() > max {
        label.chars().take(max - 1).collect::<String>() + "…"
    } else {
        label.to_string()
    }
}

/// The values where a count axis from 0 to `top` (from [`nice_ceiling`], at least 5) is
/// marked: five equal steps, each a whole number.
fn count_ticks(top: f64) -> Vec<f64> {
    (0..=5).map(|i| top * f64::from(i) / 5.0).collect()
}

fn open(id: &str, height: f64, title: &str, desc: &str) -> String {
    format!(
        r#"<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        crate::escape_html(title),
        crate::escape_html(desc),
    )
}

fn text(x: f64, y: f64, anchor: &str, class: &str, content: &str) -> String {
    format!(
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" class="{class}">{}</text>"#,
        crate::escape_html(content)
    )
}

/// Lines over `x_labels` (days, say) from 0 up, with an optional horizontal guide (capacity) and
/// vertical marker (deadline, at an x position). Only some x labels are written, evenly spread.
// Each argument is one plain part of the chart; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub fn line(
    lang: Lang,
    id: &str,
    title: &str,
    desc: &str,
    x_labels: &[String],
    series: &[Series],
    guide: Option<&Guide>,
    marker: Option<&Guide>,
) -> Chart {
    let (left, right, top, bottom) = (56.0, 16.0, 16.0, 48.0);
    let height = 260.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let top_value = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .chain(guide.map(|g| g.value))
        .fold(0.0, f64::max);
    let y_max = nice_ceiling(top_value).max(5.0);
    let n = x_labels.len().max(1);
    let x_at = |i: f64| {
        left + if n == 1 {
            plot_w / 2.0
        } else {
            plot_w * i / (n - 1) as f64
        }
    };
    let y_at = |v: f64| top + plot_h - plot_h * v / y_max;
    let mut svg = open(id, height, title, desc);
    for v in count_ticks(y_max) {
        let y = y_at(v);
        svg.push_str(&format!(
            r#"<line class="chart-grid" x1="{left}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/>"#,
            left + plot_w
        ));
        svg.push_str(&text(
            left - 6.0,
            y + 4.0,
            "end",
            "chart-tick",
            &num(lang, v, 0),
        ));
    }
    let label_every = n.div_ceil(6).max(1);
    for (i, label) in x_labels.iter().enumerate() {
        if i % label_every == 0 || i + 1 == n {
            if i + 1 != n && (n - 1 - i) < label_every / 2 {
                continue;
            }
            svg.push_str(&text(
                x_at(i as f64),
                height - bottom + 18.0,
                "middle",
                "chart-tick",
                label,
            ));
        }
    }
    if let Some(g) = guide {
        let y = y_at(g.value);
        svg.push_str(&format!(
            r#"<line class="chart-guide" x1="{left}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/>"#,
            left + plot_w
        ));
        svg.push_str(&text(
            left + plot_w,
            y - 6.0,
            "end",
            "chart-guide-label",
            &g.label,
        ));
    }
    if let Some(m) = marker {
        let x = x_at(m.value);
        svg.push_str(&format!(
            r#"<line class="chart-guide" x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{:.1}"/>"#,
            top + plot_h
        ));
        svg.push_str(&text(
            x - 4.0,
            top + 12.0,
            "end",
            "chart-guide-label",
            &m.label,
        ));
    }
    for (k, s) in series.iter().enumerate() {
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_at(i as f64), y_at(*v)))
            .collect();
        svg.push_str(&format!(
            r#"<polyline class="chart-line chart-line-{k}" points="{}"/>"#,
            points.join(" ")
        ));
        if let Some(last) = s.values.last() {
            let (x, y) = (x_at((s.values.len() - 1) as f64), y_at(*last));
            svg.push_str(&format!(
                r#"<circle class="chart-dot-{k}" cx="{x:.1}" cy="{y:.1}" r="4"/>"#
            ));
            let label = format!("{}: {}", s.label, num(lang, *last, 0));
            let dy = if k % 2 == 0 { -10.0 } else { 18.0 };
            svg.push_str(&text(
                x.min(WIDTH - 8.0),
                y + dy,
                "end",
                "chart-value",
                &label,
            ));
        }
    }
    svg.push_str("</svg>");
    Chart { svg }
}

/// Horizontal bars, one per item, with the value (and "/ max") written after each bar.
pub fn bars(lang: Lang, id: &str, title: &str, desc: &str, items: &[Bar]) -> Chart {
    let row = 28.0;
    let height = row * items.len().max(1) as f64 + 8.0;
    let plot_w = WIDTH - BAR_LABEL - 110.0;
    let top_value = items
        .iter()
        .map(|b| b.max.unwrap_or(0.0).max(b.value))
        .fold(0.0, f64::max);
    let scale = if top_value > 0.0 {
        plot_w / top_value
    } else {
        0.0
    };
    let mut svg = open(id, height, title, desc);
    for (i, b) in items.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        svg.push_str(&text(
            BAR_LABEL - 8.0,
            y + 18.0,
            "end",
            "chart-label",
            &fit(&b.label, LABEL_CHARS),
        ));
        if let Some(max) = b.max {
            svg.push_str(&format!(
                r#"<rect class="chart-track" x="{BAR_LABEL}" y="{:.1}" width="{:.1}" height="20"/>"#,
                y + 2.0,
                max * scale
            ));
        }
        let w = (b.value * scale).max(if b.value > 0.0 { 1.0 } else { 0.0 });
        svg.push_str(&format!(
            r#"<rect class="chart-bar" x="{BAR_LABEL}" y="{:.1}" width="{w:.1}" height="20"/>"#,
            y + 2.0
        ));
        let value = match b.max {
            Some(max) => format!("{} / {}", num(lang, b.value, 0), num(lang, max, 0)),
            None => num(lang, b.value, 0),
        };
        let end = BAR_LABEL + (b.max.unwrap_or(0.0).max(b.value) * scale);
        svg.push_str(&text(end + 6.0, y + 18.0, "start", "chart-value", &value));
    }
    svg.push_str("</svg>");
    Chart { svg }
}

/// Vertical columns over `labels` (hours, score bins), each with its value on top (when not 0).
pub fn columns(
    lang: Lang,
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    values: &[f64],
) -> Chart {
    let (left, right, top, bottom) = (40.0, 8.0, 20.0, 40.0);
    let height = 220.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let y_max = nice_ceiling(values.iter().copied().fold(0.0, f64::max)).max(5.0);
    let n = labels.len().max(1) as f64;
    let slot = plot_w / n;
    let mut svg = open(id, height, title, desc);
    svg.push_str(&format!(
        r#"<line class="chart-axis" x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
        left + plot_w,
        top + plot_h,
        top + plot_h
    ));
    let label_every = (labels.len().div_ceil(12)).max(1);
    for (i, label) in labels.iter().enumerate() {
        let v = values.get(i).copied().unwrap_or(0.0);
        let h = plot_h * v / y_max;
        let x = left + slot * i as f64;
        let cx = x + slot / 2.0;
        svg.push_str(&format!(
            r#"<rect class="chart-bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}"/>"#,
            x + slot * 0.15,
            top + plot_h - h,
            slot * 0.7
        ));
        if v > 0.0 {
            svg.push_str(&text(
                cx,
                top + plot_h - h - 4.0,
                "middle",
                "chart-value",
                &num(lang, v, 0),
            ));
        }
        if i % label_every == 0 {
            svg.push_str(&text(
                cx,
                height - bottom + 16.0,
                "middle",
                "chart-tick",
                label,
            ));
        }
    }
    svg.push_str("</svg>");
    Chart { svg }
}

/// One box plot per item on the scale `lo..=hi`: whiskers from min to max, the box from the
/// first to the third quartile, a line at the median, and the median written beside it.
pub fn box_plots(
    lang: Lang,
    id: &str,
    title: &str,
    desc: &str,
    (lo, hi): (f64, f64),
    items: &[(String, Quartiles)],
) -> Chart {
    let row = 32.0;
    let height = row * items.len().max(1) as f64 + 30.0;
    let plot_w = WIDTH - BAR_LABEL - 70.0;
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x_at = |v: f64| BAR_LABEL + plot_w * (v - lo) / span;
    let mut svg = open(id, height, title, desc);
    // A mark at every whole score on scales up to 10 points, else at quarters.
    let steps = if span <= 10.0 && span.fract() == 0.0 {
        span as u32
    } else {
        4
    };
    for step in 0..=steps {
        let v = lo + span * f64::from(step) / f64::from(steps.max(1));
        let x = x_at(v);
        svg.push_str(&format!(
            r#"<line class="chart-grid" x1="{x:.1}" x2="{x:.1}" y1="0" y2="{:.1}"/>"#,
            height - 24.0
        ));
        svg.push_str(&text(
            x,
            height - 8.0,
            "middle",
            "chart-tick",
            &num(lang, v, usize::from(v.fract() != 0.0)),
        ));
    }
    for (i, (label, q)) in items.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let mid = y + 12.0;
        svg.push_str(&text(
            BAR_LABEL - 8.0,
            mid + 5.0,
            "end",
            "chart-label",
            &fit(label, LABEL_CHARS),
        ));
        svg.push_str(&format!(
            r#"<line class="chart-whisker" x1="{:.1}" x2="{:.1}" y1="{mid:.1}" y2="{mid:.1}"/>"#,
            x_at(q.min),
            x_at(q.max)
        ));
        svg.push_str(&format!(
            r#"<rect class="chart-box" x="{:.1}" y="{y:.1}" width="{:.1}" height="24"/>"#,
            x_at(q.q1),
            (x_at(q.q3) - x_at(q.q1)).max(1.0)
        ));
        svg.push_str(&format!(
            r#"<line class="chart-median" x1="{x:.1}" x2="{x:.1}" y1="{y:.1}" y2="{:.1}"/>"#,
            y + 24.0,
            x = x_at(q.median)
        ));
        svg.push_str(&text(
            x_at(hi) + 8.0,
            mid + 5.0,
            "start",
            "chart-value",
            &num(lang, q.median, 1),
        ));
    }
    svg.push_str("</svg>");
    Chart { svg }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_each_language_does() {
        assert_eq!(num(Lang::De, 1234.5, 1), "1.234,5");
        assert_eq!(num(Lang::En, 1234.5, 1), "1,234.5");
        assert_eq!(num(Lang::De, 1_000_000.0, 0), "1.000.000");
        assert_eq!(num(Lang::En, 999.0, 0), "999");
        assert_eq!(num(Lang::En, -0.04, 1), "0.0");
        assert_eq!(num(Lang::De, -12.0, 0), "-12");
    }

    #[test]
    fn axes_end_at_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(201.0), 250.0);
        assert_eq!(nice_ceiling(2600.0), 5000.0);
    }

    #[test]
    fn a_chart_is_an_image_with_a_title_and_description_and_escaped_labels() {
        let c = bars(
            Lang::En,
            "fill",
            "Fill <per> ticket",
            "Standard: 3 of 10",
            &[Bar {
                label: "A & B".into(),
                value: 3.0,
                max: Some(10.0),
            }],
        );
        assert!(c.svg.starts_with(
            r#"<svg class="chart" id="fill" role="img" aria-labelledby="fill-title fill-desc""#
        ));
        assert!(
            c.svg
                .contains(r#"<title id="fill-title">Fill &lt;per&gt; ticket</title>"#)
        );
        assert!(
            c.svg
                .contains(r#"<desc id="fill-desc">Standard: 3 of 10</desc>"#)
        );
        assert!(c.svg.contains("A &amp; B"));
        assert!(
            c.svg.contains("3 / 10"),
            "the value is written, not only drawn"
        );
        assert!(
            !c.svg.contains("style="),
            "the content security policy forbids style attributes"
        );
    }

    #[test]
    fn a_line_ends_at_its_last_value_and_draws_the_guide() {
        let c = line(
            Lang::De,
            "reg",
            "Anmeldungen",
            "",
            &["1.3.".into(), "2.3.".into(), "3.3.".into()],
            &[Series {
                label: "Angemeldet".into(),
                values: vec![1.0, 5.0, 1200.0],
            }],
            Some(&Guide {
                label: "Kapazität 1.500".into(),
                value: 1500.0,
            }),
            None,
        );
        assert!(c.svg.contains("Angemeldet: 1.200"));
        assert!(c.svg.contains("Kapazität 1.500"));
        assert_eq!(c.svg.matches("<polyline").count(), 1);
        // The axis ends at 2,000 (the guide is above the data), so 1,200 sits at 60 % height.
        assert!(c.svg.contains(">2.000<"));
        // Five whole steps up the axis.
        for tick in [">0<", ">400<", ">800<", ">1.200<", ">1.600<"] {
            assert!(c.svg.contains(tick), "{tick}");
        }
    }
}
