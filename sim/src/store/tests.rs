use super::*;

fn connector(id: &str, space: &str) -> StoredConnector {
    StoredConnector {
        id: id.into(),
        space: space.into(),
        type_id: ".server-log".into(),
        name: "n".into(),
        config: Map::new(),
        secrets: Map::new(),
    }
}

#[test]
fn ids_are_unique_across_spaces() {
    let s = Store::open(None).unwrap();
    s.insert_connector(&connector("a", "default")).unwrap();
    assert!(matches!(
        s.insert_connector(&connector("a", "other")),
        Err(StoreError::Conflict)
    ));
}

#[test]
fn deleting_a_space_deletes_its_connectors() {
    let s = Store::open(None).unwrap();
    s.insert_space("m", &json!({"id":"m","name":"m"})).unwrap();
    s.insert_connector(&connector("a", "m")).unwrap();
    s.insert_connector(&connector("b", "default")).unwrap();
    assert!(s.delete_space("m").unwrap());
    assert!(s.connector("a").unwrap().is_none());
    assert!(s.connector("b").unwrap().is_some());
}

#[test]
fn data_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(Some(dir.path())).unwrap();
        s.insert_connector(&connector("kept", "default")).unwrap();
    }
    let s = Store::open(Some(dir.path())).unwrap();
    assert_eq!(s.connector("kept").unwrap().unwrap().id, "kept");
    assert_eq!(s.spaces().unwrap().len(), 1);
}

fn rule(id: &str, space: &str) -> StoredRule {
    StoredRule {
        id: id.into(),
        space: space.into(),
        attributes: json!({"name": id, "actions": [{"actionRef": "action_0"}]})
            .as_object()
            .unwrap()
            .clone(),
        references: vec![json!({"id": "c1", "name": "action_0", "type": "action"})],
    }
}

#[test]
fn rules_live_in_their_space_and_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(Some(dir.path())).unwrap();
        s.insert_rule(&rule("r1", "default")).unwrap();
        assert!(matches!(
            s.insert_rule(&rule("r1", "other")),
            Err(StoreError::Conflict)
        ));
        assert!(
            s.rule("other", "r1").unwrap().is_none(),
            "another space does not see it"
        );
    }
    let s = Store::open(Some(dir.path())).unwrap();
    let kept = s.rule("default", "r1").unwrap().unwrap();
    assert_eq!(kept.references[0]["id"], "c1");
    assert_eq!(kept.attributes["name"], "r1");
}

#[test]
fn deleting_a_space_deletes_its_rules() {
    let s = Store::open(None).unwrap();
    s.insert_space("m", &json!({"id":"m","name":"m"})).unwrap();
    s.insert_rule(&rule("gone", "m")).unwrap();
    s.insert_rule(&rule("kept", "default")).unwrap();
    assert!(s.delete_space("m").unwrap());
    assert!(s.rule("m", "gone").unwrap().is_none());
    assert_eq!(s.all_rules().unwrap().len(), 1);
}
