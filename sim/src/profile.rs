//! Kibana release lines the sim can behave as (`sim.version`, `--kibana-version`).
//!
//! Each difference names the Kibana source it follows; the sim's README has the table.
//! A version between two lines behaves as the nearest lower one; anything newer than the
//! newest line behaves as the newest.

use std::fmt;

/// A release line with its own API behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Profile {
    /// 8.19, the last 8.x minor: the legacy `/api/actions/action*` routes are still served
    /// (removed in 9.0), validation messages from `@kbn/config-schema`.
    V8_19,
    /// 9.2: the legacy routes gone; still config-schema messages.
    V9_2,
    /// 9.5: connector schemas in zod (`kbn-connector-schemas`, PR #238309), the
    /// `is_connector_type_deprecated` and `auth_mode` connector fields, richer connector types.
    V9_5,
}

/// Which zod major validates a schema: Kibana formats the two differently
/// (`actions/server/lib/validate_with_schema.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zod {
    /// `@kbn/zod` (v3), formatted by `formatZodError`: `Field "index": Required`.
    V3,
    /// `@kbn/zod/v4`, formatted by `z.prettifyError`: `✖ Invalid input: ...\n  → at index`.
    V4,
}

impl Profile {
    /// The newest line, the sim's default.
    pub const NEWEST: Profile = Profile::V9_5;

    /// Every line, oldest first.
    pub const ALL: [Profile; 3] = [Profile::V8_19, Profile::V9_2, Profile::V9_5];

    /// The line a Kibana version number behaves as.
    ///
    /// # Errors
    /// When the version does not parse, or is older than the oldest line.
    pub fn for_version(version: &str) -> Result<Profile, String> {
        let mut parts = version.trim().split(['.', '-']);
        let mut number = || parts.next().and_then(|p| p.parse::<u32>().ok());
        let (Some(major), minor) = (number(), number().unwrap_or(0)) else {
            return Err(format!(
                "[sim.version]: \"{version}\" is not a Kibana version such as 9.5.0"
            ));
        };
        Profile::ALL
            .into_iter()
            .rev()
            .find(|p| (major, minor) >= p.line())
            .ok_or_else(|| {
                format!(
                    "[sim.version]: {version} is older than the oldest profile the sim models ({}); use 8.19 or newer",
                    Profile::V8_19
                )
            })
    }

    /// `(major, minor)` of the line.
    pub fn line(self) -> (u32, u32) {
        match self {
            Profile::V8_19 => (8, 19),
            Profile::V9_2 => (9, 2),
            Profile::V9_5 => (9, 5),
        }
    }

    /// Whether the pre-9.0 `/api/actions/action*` routes are served
    /// (`x-pack/plugins/actions/server/routes/legacy/*.ts`, gone from the 9.x route index
    /// `actions/server/routes/index.ts @ 00264b5f`).
    pub fn legacy_routes(self) -> bool {
        self == Profile::V8_19
    }

    /// The schema library stack connector types validate with: zod from 9.3
    /// (`kbn-connector-schemas`), `@kbn/config-schema` before.
    pub fn uses_zod(self) -> bool {
        self >= Profile::V9_5
    }

    /// The word Kibana puts in `error validating <what> config:` and `... secrets:`:
    /// `connector type` since the zod move (`validate_with_schema.ts @ 16ca7f52`), `action type`
    /// before.
    pub fn schema_wrapper(self) -> &'static str {
        if self.uses_zod() {
            "connector type"
        } else {
            "action type"
        }
    }

    /// Whether connectors carry `is_connector_type_deprecated` (9.3+; Kibana's API tests
    /// expect it on every connector, `group2/tests/actions/get_all.ts`).
    pub fn connector_type_deprecated_field(self) -> bool {
        self >= Profile::V9_5
    }

    /// Whether connectors carry `auth_mode` (`"shared"` unless per-user OAuth; 9.4,
    /// docs-content#5724; `group2/tests/actions/get.ts` expects `auth_mode: 'shared'`).
    pub fn auth_mode_field(self) -> bool {
        self >= Profile::V9_5
    }

    /// Whether connector types carry `is_deprecated`, `description`, `is_experimental`,
    /// `is_testable` and `source` (`list_types/transforms/transform_list_types_response/v1.ts
    /// @ 015692ee`; `is_testable` from PR #276979).
    pub fn rich_connector_types(self) -> bool {
        self >= Profile::V9_5
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (major, minor) = self.line();
        write!(f, "{major}.{minor}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_between_lines_pick_the_nearest_lower_one() {
        let cases = [
            ("8.19.0", Profile::V8_19),
            ("8.19.7", Profile::V8_19),
            ("9.0.0", Profile::V8_19),
            ("9.1.3", Profile::V8_19),
            ("9.2.0", Profile::V9_2),
            ("9.4.1", Profile::V9_2),
            ("9.5.0", Profile::V9_5),
            ("9.6.0-SNAPSHOT", Profile::V9_5),
            ("10.0.0", Profile::V9_5),
            ("9.5", Profile::V9_5),
        ];
        for (version, want) in cases {
            assert_eq!(Profile::for_version(version), Ok(want), "{version}");
        }
    }

    #[test]
    fn older_or_malformed_versions_are_refused_with_the_key_named() {
        let old = Profile::for_version("8.15.0").unwrap_err();
        assert!(old.starts_with("[sim.version]: 8.15.0 is older"), "{old}");
        let bad = Profile::for_version("latest").unwrap_err();
        assert!(bad.contains("\"latest\" is not a Kibana version"), "{bad}");
    }
}
