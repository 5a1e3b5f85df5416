//! Rows that arrive space by space (the inventory), shown in growing batches.
//!
//! Every time the table's list grows it is indexed again (search text, sort order), so
//! showing each of 50 spaces as it arrives would index 25 lists' worth of rows. Showing the
//! first space at once and then a batch only when the waiting rows are as many as the shown
//! ones (a doubling) keeps the rows on screen from the first answer while all the indexing
//! together stays under three times one index of the whole list, whatever the number of
//! spaces.

use super::table_query::Row;

/// The rows read but not yet shown, and how many are shown.
#[derive(Debug, Default)]
pub struct ArrivingRows {
    waiting: Vec<Row>,
    shown: usize,
}

impl ArrivingRows {
    /// One space's rows arrived; Some(batch) when it is time to show the waiting ones (the
    /// first arrival, or as many waiting as shown).
    pub fn push(&mut self, rows: Vec<Row>) -> Option<Vec<Row>> {
        self.waiting.extend(rows);
        (!self.waiting.is_empty() && self.waiting.len() >= self.shown).then(|| self.take())
    }

    /// Every read is done: whatever still waits.
    pub fn finish(&mut self) -> Vec<Row> {
        self.take()
    }

    fn take(&mut self) -> Vec<Row> {
        self.shown += self.waiting.len();
        std::mem::take(&mut self.waiting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kibana_connectors::Connector;

    fn rows(space: &str, n: usize) -> Vec<Row> {
        let list = (0..n)
            .map(|i| {
                serde_json::from_value::<Connector>(serde_json::json!({
                    "id": format!("{space}-{i}"), "name": format!("c{i}"),
                    "connector_type_id": ".server-log", "is_preconfigured": false
                }))
                .unwrap()
            })
            .collect();
        Row::all_in("kibana", space, list)
    }

    #[test]
    fn the_first_space_shows_at_once_then_batches_double() {
        let mut arriving = ArrivingRows::default();
        let mut shown = Vec::new();
        for s in 0..50 {
            if let Some(batch) = arriving.push(rows(&format!("s{s}"), 200)) {
                shown.push(batch.len());
            }
        }
        shown.push(arriving.finish().len());
        // 200 at once, then 200, 400, 800, 1,600, 3,200, and the last 3,600 at the end.
        assert_eq!(shown, [200, 200, 400, 800, 1600, 3200, 3600]);
        assert_eq!(
            shown.iter().sum::<usize>(),
            10_000,
            "no row lost or doubled"
        );
        // Each batch re-indexes the whole list shown so far: 22,600 rows, under three lists.
        let indexed: usize = shown
            .iter()
            .scan(0, |total, n| {
                *total += n;
                Some(*total)
            })
            .sum();
        assert_eq!(indexed, 22_600);
    }

    #[test]
    fn empty_spaces_wait_for_rows_and_finish_gives_the_rest() {
        let mut arriving = ArrivingRows::default();
        assert!(arriving.push(Vec::new()).is_none());
        assert_eq!(arriving.push(rows("a", 3)).map(|b| b.len()), Some(3));
        assert!(arriving.push(rows("b", 2)).is_none());
        assert!(arriving.push(Vec::new()).is_none());
        let rest = arriving.finish();
        assert_eq!(
            rest.iter()
                .map(|r| r.connector.id.as_str())
                .collect::<Vec<_>>(),
            ["b-0", "b-1"]
        );
        assert!(arriving.finish().is_empty());
    }
}
