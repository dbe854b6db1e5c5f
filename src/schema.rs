//! JSON Schemas of the engagement's files, generated from the very types the loader
//! deserialises (schemars), so they cannot drift from what `build` accepts. Editors use
//! them for validation and completion (see README: "Editor support").

use schemars::JsonSchema;

use crate::model::{
    AssessmentFront, EngagementInfo, LessonFront, ObjectiveFront, PlanFile, SessionFront,
    SurveyFront,
};

fn schema_of<T: JsonSchema>(title: &str, description: &str) -> String {
    let mut schema = schemars::schema_for!(T);
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Every schema, as (file name, JSON text).
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        (
            "engagement.schema.json",
            schema_of::<EngagementInfo>(
                "engagement.yaml",
                "A coachsite engagement: who, when, the scale, competencies and members.",
            ),
        ),
        (
            "objective.schema.json",
            schema_of::<ObjectiveFront>(
                "Objective front matter",
                "The YAML front matter of objectives/<id>.md.",
            ),
        ),
        (
            "assessment.schema.json",
            schema_of::<AssessmentFront>(
                "Assessment",
                "assessments/<date>-<name>.yaml: a skill assessment at one date.",
            ),
        ),
        (
            "survey.schema.json",
            schema_of::<SurveyFront>(
                "Stakeholder pulse",
                "surveys/<date>-<name>.yaml: stakeholders' ratings, from -3 to +3, of the change they saw in each objective.",
            ),
        ),
        (
            "plan.schema.json",
            schema_of::<PlanFile>("plan.yaml", "The action plan: actions and revisions."),
        ),
        (
            "session.schema.json",
            schema_of::<SessionFront>(
                "Session note front matter",
                "The YAML front matter of sessions/<date>-<slug>.md.",
            ),
        ),
        (
            "lesson.schema.json",
            schema_of::<LessonFront>(
                "Lesson front matter",
                "The YAML front matter of lessons/<slug>.md.",
            ),
        ),
    ]
}

/// Writes every schema into `dir`.
pub fn write_schemas(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    schemas()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            crate::site::write_file(&path, (text + "\n").as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(path)
        })
        .collect()
}

/// The VS Code settings that map the YAML files of an engagement to their schemas
/// (with the YAML extension by Red Hat).
pub const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    ".coachsite/schemas/engagement.schema.json": "engagement.yaml",
    ".coachsite/schemas/plan.schema.json": "plan.yaml",
    ".coachsite/schemas/assessment.schema.json": "assessments/**/*.yaml",
    ".coachsite/schemas/survey.schema.json": "surveys/**/*.yaml"
  }
}
"#;
