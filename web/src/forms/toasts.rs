//! The toast queue: short notes on completed work (saves, runs, deletes, bulk work), each
//! with at most one undo where Kibana's API can undo it. Plain logic; the view is
//! `components::Toasts`.

/// How many toasts show at once; older ones leave first.
pub const MAX_TOASTS: usize = 4;

/// Whether a toast reports success or failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done.
    Ok,
    /// Done in part, or failed.
    Error,
}

/// What an Undo button does. Only what Kibana's API can take back: a created connector can
/// be deleted again. A delete cannot be undone (Kibana keeps no copy, and the secrets are
/// gone with it), an update would need the secrets again, and a run has happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Delete the connector just created.
    DeleteCreated {
        /// Its space.
        space: String,
        /// Its id.
        id: String,
    },
}

/// One toast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Unique in the session, for dismissing.
    pub id: u64,
    /// The note, one sentence.
    pub message: String,
    /// Success or failure.
    pub tone: Tone,
    /// Its undo, if any.
    pub undo: Option<Undo>,
}

/// The toasts showing, newest last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToastQueue {
    next_id: u64,
    /// The toasts, oldest first.
    pub toasts: Vec<Toast>,
}

impl ToastQueue {
    /// Adds a toast (dropping the oldest beyond [`MAX_TOASTS`]); returns its id.
    pub fn push(&mut self, message: impl Into<String>, tone: Tone, undo: Option<Undo>) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        self.toasts.push(Toast {
            id,
            message: message.into(),
            tone,
            undo,
        });
        let extra = self.toasts.len().saturating_sub(MAX_TOASTS);
        self.toasts.drain(..extra);
        id
    }

    /// Removes a toast (dismissed, timed out, or undone).
    pub fn dismiss(&mut self, id: u64) {
        self.toasts.retain(|t| t.id != id);
    }
}

/// The note after bulk work on `total` items of which `failed` failed: `Deleted 3 connectors.`
/// or `Deleted 2 of 3 connectors; 1 failed.`
pub fn bulk_summary(verb: &str, total: usize, failed: usize) -> (String, Tone) {
    let noun = |n: usize| if n == 1 { "connector" } else { "connectors" };
    if failed == 0 {
        (format!("{verb} {total} {}.", noun(total)), Tone::Ok)
    } else {
        (
            format!(
                "{verb} {} of {total} {}; {failed} failed.",
                total - failed,
                noun(total)
            ),
            Tone::Error,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_keeps_the_newest_and_dismisses_by_id() {
        let mut q = ToastQueue::default();
        let ids: Vec<u64> = (0..6)
            .map(|i| q.push(format!("t{i}"), Tone::Ok, None))
            .collect();
        assert_eq!(q.toasts.len(), MAX_TOASTS);
        assert_eq!(q.toasts[0].message, "t2");
        q.dismiss(ids[4]);
        let left: Vec<&str> = q.toasts.iter().map(|t| t.message.as_str()).collect();
        assert_eq!(left, ["t2", "t3", "t5"]);
    }

    #[test]
    fn bulk_summaries_say_what_failed() {
        assert_eq!(
            bulk_summary("Deleted", 3, 0),
            ("Deleted 3 connectors.".into(), Tone::Ok)
        );
        assert_eq!(
            bulk_summary("Ran", 3, 1),
            ("Ran 2 of 3 connectors; 1 failed.".into(), Tone::Error)
        );
        assert_eq!(bulk_summary("Deleted", 1, 0).0, "Deleted 1 connector.");
    }
}
