//! Readable connector ids, as Kibana 9.4's form offers them (PR #255922): proposed from the
//! name as it is typed (a slug of at most 36 characters), editable, or left to Kibana (a random
//! UUID). Ids are global across spaces and cannot change after creation.

/// Kibana's form limit (`CONNECTOR_ID_MAX_LENGTH` in the UI).
pub const MAX_ID_LENGTH: usize = 36;

/// The id a name suggests: lowercase ASCII letters and digits, every other run of characters
/// one hyphen, no hyphen at either end, cut to [`MAX_ID_LENGTH`] without a trailing hyphen.
pub fn slug_from_name(name: &str) -> String {
    let mut slug = String::with_capacity(name.len().min(MAX_ID_LENGTH));
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
        if slug.len() >= MAX_ID_LENGTH {
            break;
        }
    }
    slug.truncate(MAX_ID_LENGTH);
    slug.trim_end_matches('-').to_string()
}

/// What is wrong with an id the user typed, in Kibana's terms (`validate_connector_id.ts`:
/// lowercase letters, digits and hyphens), or None.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("Enter an id, or let Kibana choose a random one.".into())
    } else if id.len() > MAX_ID_LENGTH {
        Some(format!(
            "An id has at most {MAX_ID_LENGTH} characters (this one has {}).",
            id.len()
        ))
    } else if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("Use only lowercase letters, digits and hyphens.".into())
    } else {
        None
    }
}

/// How the new connector's id is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdChoice {
    /// The id as shown in the field.
    pub id: String,
    /// The user typed in the id field: the name no longer changes it.
    pub edited: bool,
    /// Kibana picks a random UUID; the field is not used.
    pub random: bool,
    /// How many proposals from this name were taken (the next gets `-2`, `-3`, ...).
    pub taken: u32,
}

impl IdChoice {
    /// The name changed: the proposal follows it unless the id was edited by hand.
    pub fn follow_name(&mut self, name: &str) {
        if !self.edited {
            self.taken = 0;
            self.id = slug_from_name(name);
        }
    }

    /// The proposal is taken: propose the name's slug with the next number (kept within
    /// [`MAX_ID_LENGTH`]). An id typed by hand stays as typed; the user decides. Returns
    /// whether the id changed.
    pub fn propose_next(&mut self, name: &str) -> bool {
        if self.edited || self.random {
            return false;
        }
        self.taken += 1;
        let suffix = format!("-{}", self.taken + 1);
        let mut base = slug_from_name(name);
        base.truncate(MAX_ID_LENGTH - suffix.len());
        self.id = format!("{}{suffix}", base.trim_end_matches('-'));
        true
    }

    /// The user typed an id. Clearing the field hands it back to the name.
    pub fn type_id(&mut self, id: &str, name: &str) {
        self.edited = !id.is_empty();
        self.id = id.to_string();
        if !self.edited {
            self.follow_name(name);
        }
    }

    /// The id to create with: None for a random one.
    ///
    /// # Errors
    /// What is wrong with the typed id.
    pub fn chosen(&self) -> Result<Option<&str>, String> {
        if self.random {
            return Ok(None);
        }
        match id_problem(&self.id) {
            Some(problem) => Err(problem),
            None => Ok(Some(&self.id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_hyphenated_and_short() {
        assert_eq!(
            slug_from_name("Ops: PagerDuty (prod)"),
            "ops-pagerduty-prod"
        );
        assert_eq!(slug_from_name("  --Hello__World--  "), "hello-world");
        assert_eq!(slug_from_name("Größe 1"), "gr-e-1");
        assert_eq!(slug_from_name("!!!"), "");
        let long = slug_from_name("a very long connector name that goes on and on and on");
        assert!(long.len() <= MAX_ID_LENGTH, "{long}");
        assert_eq!(long, "a-very-long-connector-name-that-goes");
        assert_eq!(
            slug_from_name(&("x".repeat(35) + " y")),
            "x".repeat(35),
            "no trailing hyphen"
        );
        assert_eq!(id_problem(&slug_from_name("Any Name 42")), None);
    }

    #[test]
    fn a_taken_proposal_gets_the_next_number_but_a_typed_id_stays() {
        let mut c = IdChoice::default();
        c.follow_name("Deploy hook");
        assert!(c.propose_next("Deploy hook"));
        assert_eq!(c.id, "deploy-hook-2");
        assert!(c.propose_next("Deploy hook"));
        assert_eq!(c.id, "deploy-hook-3");
        c.follow_name("Deploy hook");
        assert_eq!(c.id, "deploy-hook", "a new name starts over");
        let long = "n".repeat(40);
        c.follow_name(&long);
        c.propose_next(&long);
        assert_eq!(c.id.len(), MAX_ID_LENGTH);
        assert!(c.id.ends_with("-2"));
        c.type_id("mine", &long);
        assert!(!c.propose_next(&long));
        assert_eq!(c.id, "mine");
    }

    #[test]
    fn typed_ids_are_checked_as_kibana_does() {
        assert!(id_problem("ok-id-1").is_none());
        assert!(id_problem("Upper").unwrap().contains("lowercase"));
        assert!(id_problem("with space").is_some());
        assert!(id_problem(&"a".repeat(37)).unwrap().contains("36"));
        assert!(id_problem("").is_some());
    }

    #[test]
    fn the_proposal_follows_the_name_until_edited() {
        let mut c = IdChoice::default();
        c.follow_name("Deploy hook");
        assert_eq!(c.id, "deploy-hook");
        c.type_id("hooks-1", "Deploy hook");
        c.follow_name("Deploy hook v2");
        assert_eq!(c.id, "hooks-1", "edited ids stay");
        c.type_id("", "Deploy hook v2");
        assert_eq!(
            c.id, "deploy-hook-v2",
            "a cleared field follows the name again"
        );
        assert_eq!(c.chosen(), Ok(Some("deploy-hook-v2")));
        c.random = true;
        assert_eq!(c.chosen(), Ok(None));
        c.random = false;
        c.type_id("Bad Id", "x");
        assert!(c.chosen().is_err());
    }
}
