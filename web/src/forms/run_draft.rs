//! The run panel's form: params per typed type, or raw JSON, validated into the `params` of
//! `POST /api/actions/connector/{id}/_execute` before anything is sent.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::connection::FieldError;
use super::field_specs::{FieldKind, set_path};
use super::params_specs::params_for;

/// What the user typed in the run panel; nothing is lost when validation fails.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunDraft {
    /// The connector's type.
    pub type_id: String,
    /// Typed field values by (dotted) key.
    pub values: BTreeMap<String, String>,
    /// Raw params JSON.
    pub raw: String,
    /// Whether the raw editor is in use (always, for types without a params form).
    pub use_raw: bool,
}

impl RunDraft {
    /// A draft with the type's example values filled in.
    pub fn new(type_id: &str) -> Self {
        let specs = params_for(type_id);
        let values = specs
            .unwrap_or_default()
            .iter()
            .map(|s| (s.key.to_string(), s.default.to_string()))
            .collect();
        let mut draft = RunDraft {
            type_id: type_id.into(),
            values,
            raw: "{}".into(),
            use_raw: specs.is_none(),
        };
        if let Ok(params) = draft.typed_params() {
            draft.raw = pretty(&params);
        }
        draft
    }

    /// Whether the type has a params form (else only raw JSON).
    pub fn has_form(&self) -> bool {
        params_for(&self.type_id).is_some()
    }

    /// The value of a field.
    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or_default()
    }

    /// Switches between the form and the raw editor. Going to raw carries the form's params over
    /// when they are valid, so the form is a starting point for hand edits.
    pub fn set_raw(&mut self, raw: bool) {
        if raw
            && !self.use_raw
            && let Ok(params) = self.typed_params()
        {
            self.raw = pretty(&params);
        }
        self.use_raw = raw || !self.has_form();
    }

    fn typed_params(&self) -> Result<Value, Vec<FieldError>> {
        let mut params = Map::new();
        let mut errors = Vec::new();
        for spec in params_for(&self.type_id).unwrap_or_default() {
            match spec.parse(self.value(spec.key)) {
                Ok(Some(v)) => set_path(&mut params, spec.key, v),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Value::Object(params))
        } else {
            Err(errors)
        }
    }

    /// The params to send, or every problem (nothing is sent then).
    ///
    /// # Errors
    /// One entry per invalid field; `params` for the raw editor.
    pub fn to_params(&self) -> Result<Value, Vec<FieldError>> {
        if !self.use_raw {
            return self.typed_params();
        }
        match serde_json::from_str::<Value>(&self.raw) {
            Ok(v @ Value::Object(_)) => Ok(v),
            Ok(_) => Err(vec![FieldError {
                field: "params",
                message: "Params must be a JSON object, like {\"message\": \"hi\"}.".into(),
            }]),
            Err(e) => Err(vec![FieldError {
                field: "params",
                message: format!("This is not valid JSON: {e}."),
            }]),
        }
    }

    /// The visible fields (constants are sent but not shown).
    pub fn visible_specs(&self) -> impl Iterator<Item = &'static super::field_specs::FieldSpec> {
        params_for(&self.type_id)
            .unwrap_or_default()
            .iter()
            .filter(|s| s.kind != FieldKind::Const)
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_defaults_make_valid_params_for_simple_types() {
        let d = RunDraft::new(".server-log");
        assert_eq!(
            d.to_params().unwrap(),
            json!({"message": "Hello from the Kibana connectors console", "level": "info"})
        );
        assert_eq!(
            RunDraft::new(".index").to_params().unwrap()["documents"][0]["message"],
            "Hello from the Kibana connectors console"
        );
    }

    #[test]
    fn sub_action_types_nest_their_params() {
        let mut d = RunDraft::new(".jira");
        d.values.insert(
            "subActionParams.incident.labels".into(),
            "ops, console".into(),
        );
        assert_eq!(
            d.to_params().unwrap(),
            json!({"subAction": "pushToService", "subActionParams": {"incident": {
                "summary": "Hello from the Kibana connectors console", "labels": ["ops", "console"]}}})
        );
    }

    #[test]
    fn missing_required_values_are_reported_per_field() {
        let mut d = RunDraft::new(".email");
        d.values.insert("subject".into(), " ".into());
        let fields: Vec<&str> = d.to_params().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["to", "subject"]);
        assert!(d.visible_specs().all(|s| !s.label.is_empty()));
    }

    #[test]
    fn raw_mode_carries_the_form_over_and_checks_json() {
        let mut d = RunDraft::new(".slack");
        d.values.insert("message".into(), "deploy done".into());
        d.set_raw(true);
        assert!(d.raw.contains("deploy done"), "{}", d.raw);
        d.raw = "[1, 2]".into();
        assert_eq!(d.to_params().unwrap_err()[0].field, "params");
        d.raw = "{nope".into();
        assert!(
            d.to_params().unwrap_err()[0]
                .message
                .contains("not valid JSON")
        );
        d.set_raw(false);
        assert_eq!(d.to_params().unwrap(), json!({"message": "deploy done"}));
    }

    #[test]
    fn other_types_only_have_raw_json() {
        let mut d = RunDraft::new(".inference");
        assert!(d.use_raw && !d.has_form());
        d.set_raw(false);
        assert!(d.use_raw);
        d.raw = r#"{"subAction": "test", "subActionParams": {}}"#.into();
        assert_eq!(d.to_params().unwrap()["subAction"], "test");
    }
}
