//! The key results (OKRs) of an objective as its pages show them: each with its latest
//! value, progress, OKR score, forecast, tracking and milestones, and its own small
//! chart (small multiples: the narrow drawing alone), for the objective's page, the
//! dashboard and the report. What a reader is not shared is already out of the figures
//! (`render::figures` takes it out of each key result as of an objective).

use serde::Serialize;

use super::views::{LegendItem, MilestoneRow, ValueRow, Views, tracking_key};
use crate::i18n::{Word, format_number, format_percent};
use crate::insight::{self, KeyResultInsight, ObjectiveInsight, Tracking};
use crate::model::{KeyResult, Objective, ObjectiveFront};

/// One key result of an objective.
#[derive(Serialize)]
pub(super) struct KeyResultView {
    id: String,
    metric: String,
    /// Its latest value in its unit; none while it is not measured yet.
    latest_text: Option<String>,
    latest_date: Option<String>,
    progress_pct: Option<u32>,
    progress_text: Option<String>,
    /// "Not measured yet": no measurement, or only the first one, taken as its baseline.
    not_measured: bool,
    /// Where its progress starts: its baseline, or its first measurement in words.
    baseline_text: Option<String>,
    starts_from: Option<String>,
    target_text: Option<String>,
    okr_score: Option<String>,
    /// Its weight, when it is not 1.
    weight: Option<String>,
    forecast: Option<String>,
    trend_text: Option<String>,
    tracking: &'static str,
    tracking_label: &'static str,
    chart: Option<String>,
    legend: Vec<LegendItem>,
    unit_text: Option<String>,
    measurements: Vec<ValueRow>,
    milestones: Vec<MilestoneRow>,
    measurement_notes: bool,
    milestone_notes: bool,
}

impl Views<'_> {
    /// The key results of `o`, in their order, with the figures of `oi`.
    pub(super) fn key_results(
        &self,
        o: &Objective,
        oi: Option<&ObjectiveInsight>,
    ) -> Vec<KeyResultView> {
        if o.front.key_results.is_empty() {
            return Vec::new();
        }
        let base = ObjectiveFront {
            key_results: Vec::new(),
            ..o.front.clone()
        };
        o.front
            .key_results
            .iter()
            .filter_map(|kr| {
                let k = oi?
                    .key_results
                    .iter()
                    .find(|k| k.figures.id == kr.id.value)?;
                Some(self.key_result(o, &base, kr, k))
            })
            .collect()
    }

    fn key_result(
        &self,
        o: &Objective,
        base: &ObjectiveFront,
        kr: &KeyResult,
        k: &KeyResultInsight,
    ) -> KeyResultView {
        let mut alone = insight::key_result_objective(o, base, kr, (k.baseline, k.baseline_from));
        // Its chart's ids are the objective's and its own: unique on any page.
        alone.id = format!("{}-{}", o.id, kr.id.value);
        let fi = &k.figures;
        let show = |v: f64| self.show_value(&alone, v);
        let not_measured = fi.latest.is_none() || k.not_measured_since_baseline();
        let progress = fi.progress.filter(|_| !not_measured);
        let tracking = fi.tracking;
        let measurements = self.value_rows(&alone);
        let milestones = self.milestone_rows(&alone);
        KeyResultView {
            id: kr.id.value.clone(),
            metric: kr.metric.clone(),
            latest_text: fi.latest.filter(|_| !not_measured).map(show),
            latest_date: fi
                .latest_date
                .filter(|_| !not_measured)
                .map(|d| self.date(d)),
            progress_pct: progress.map(|p| (p * 100.0).round() as u32),
            progress_text: progress.map(|p| format_percent(p, self.lang)),
            not_measured,
            baseline_text: k.baseline.filter(|_| k.baseline_from.is_none()).map(show),
            starts_from: k
                .baseline
                .zip(k.baseline_from)
                .map(|(b, d)| self.words.starts_from_first(&show(b), d)),
            target_text: kr.target.as_ref().map(|t| show(t.value)),
            okr_score: k
                .okr_score
                .filter(|_| !not_measured)
                .map(|s| format_number(s, self.lang)),
            weight: Some(k.weight)
                .filter(|w| (w - 1.0).abs() > f64::EPSILON)
                .map(|w| format_number(w, self.lang)),
            forecast: self.words.forecast(fi),
            trend_text: self.trend_text(&alone, fi),
            tracking: tracking_key(tracking),
            tracking_label: match tracking {
                Tracking::NotShared => "",
                Tracking::NoMeasurement => self.t(Word::NotMeasuredYet),
                t => self.words.tracking(t),
            },
            chart: self.progress_chart(&alone, fi, true),
            legend: self.legend(&alone, fi),
            unit_text: kr.unit.clone().filter(|u| !u.trim().is_empty()),
            measurement_notes: measurements
                .iter()
                .any(|m| m.note.is_some() || m.session.is_some()),
            milestone_notes: milestones.iter().any(|m| m.note.is_some()),
            measurements,
            milestones,
        }
    }
}
