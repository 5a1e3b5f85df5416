//! Every connector in every space the caller can see.

use super::{Bulk, Progress, bounded};
use crate::error::{Error, Result};
use crate::models::{Connector, Space};

/// One space's connectors, or why they could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceConnectors {
    /// The space.
    pub space: Space,
    /// Its connectors (preconfigured ones included, as Kibana lists them in every space).
    pub outcome: Result<Vec<Connector>>,
}

/// The cross-space inventory: per space, in the Spaces API's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Inventory {
    /// Every space the caller can see, with its connectors or its error.
    pub spaces: Vec<SpaceConnectors>,
}

impl Inventory {
    /// Every connector with its space id, spaces in order.
    pub fn connectors(&self) -> impl Iterator<Item = (&str, &Connector)> {
        self.spaces.iter().flat_map(|s| {
            let id = s.space.id.as_str();
            s.outcome.iter().flatten().map(move |c| (id, c))
        })
    }

    /// Spaces whose connectors could not be read, with the error.
    pub fn failures(&self) -> impl Iterator<Item = (&Space, &Error)> {
        self.spaces
            .iter()
            .filter_map(|s| s.outcome.as_ref().err().map(|e| (&s.space, e)))
    }

    /// Only the spaces in `wanted` (all of them when it is empty), in the Spaces API's order.
    ///
    /// # Errors
    /// [`Error::SpaceNotFound`] for a wanted space that is not there.
    pub fn only(mut self, wanted: &[String]) -> Result<Self> {
        if let Some(missing) = wanted
            .iter()
            .find(|w| !self.spaces.iter().any(|s| &s.space.id == *w))
        {
            return Err(Error::SpaceNotFound {
                space_id: missing.clone(),
            });
        }
        if !wanted.is_empty() {
            self.spaces.retain(|s| wanted.contains(&s.space.id));
        }
        Ok(self)
    }

    /// How many connectors were read.
    pub fn len(&self) -> usize {
        self.connectors().count()
    }

    /// Whether no connector was read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Bulk<'_> {
    /// `GET /api/spaces/space`, then `GET /s/{space}/api/actions/connectors` for each space,
    /// [`concurrency`](Self::concurrency) at a time. A space that fails (e.g. 403) is reported in
    /// its entry without hiding the others.
    ///
    /// # Errors
    /// Only when the list of spaces itself cannot be read.
    pub async fn inventory(&self, on_progress: &dyn Fn(Progress)) -> Result<Inventory> {
        self.inventory_as_read(&|_| {}, on_progress).await
    }

    /// [`inventory`](Self::inventory), handing each space to `on_space` as soon as its list
    /// is read (in the order the reads finish, not the Spaces API's), so a view can show the
    /// first spaces' connectors while the others load. The same routes and concurrency. The
    /// callback may take the connectors out of the entry (`std::mem::take` on the `Ok` list,
    /// so 10,000 of them are not copied); the returned inventory holds what it leaves.
    ///
    /// # Errors
    /// Only when the list of spaces itself cannot be read.
    pub async fn inventory_as_read(
        &self,
        on_space: &dyn Fn(&mut SpaceConnectors),
        on_progress: &dyn Fn(Progress),
    ) -> Result<Inventory> {
        let spaces = self.kb.spaces().get_all().await?;
        let spaces = bounded(spaces, self.concurrency, on_progress, |space| async move {
            let outcome = async { self.kb.space(&space.id)?.actions().get_all().await }.await;
            let mut read = SpaceConnectors { space, outcome };
            on_space(&mut read);
            read
        })
        .await;
        Ok(Inventory { spaces })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inventory() -> Inventory {
        Inventory {
            spaces: ["default", "ops", "eu"]
                .map(|id| SpaceConnectors {
                    space: Space::new(id, id),
                    outcome: Ok(Vec::new()),
                })
                .into(),
        }
    }

    #[test]
    fn only_keeps_the_wanted_spaces_in_order_and_names_a_missing_one() {
        let ids = |inv: Inventory| -> Vec<String> {
            inv.spaces.into_iter().map(|s| s.space.id).collect()
        };
        assert_eq!(
            ids(inventory().only(&[]).unwrap()),
            ["default", "ops", "eu"]
        );
        let wanted = ["eu".to_string(), "default".to_string()];
        assert_eq!(ids(inventory().only(&wanted).unwrap()), ["default", "eu"]);
        let missing = ["nope".to_string()];
        assert_eq!(
            inventory().only(&missing).unwrap_err(),
            Error::SpaceNotFound {
                space_id: "nope".into()
            }
        );
    }
}
