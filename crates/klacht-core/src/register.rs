//! The recommendations register (T14) and the yearly evaluation (T16): who may do what.
//!
//! The coordinator and the deputy keep the register (propose recommendations, link complaints,
//! manage improvement actions, record evaluations, write report texts); the directors decide
//! on recommendations (T14: the director or the board); those four read it; an improvement
//! action's owner may change its status and result.

use crate::procedure::{Refusal, RefusalKind};
use crate::types::Role;
use std::collections::BTreeSet;

/// Read the register.
pub const READERS: [Role; 4] = [Role::Coordinator, Role::Deputy, Role::Director, Role::Board];
/// Propose, link, manage actions, evaluations and report texts.
pub const MANAGERS: [Role; 2] = [Role::Coordinator, Role::Deputy];
/// Decide on recommendations (T14).
pub const DECIDERS: [Role; 2] = [Role::Director, Role::Board];

fn has_any(roles: &BTreeSet<Role>, wanted: &[Role]) -> bool {
    wanted.iter().any(|r| roles.contains(r))
}

fn not_permitted(nl: &str, en: &str) -> Refusal {
    Refusal::new(RefusalKind::NotPermitted, nl, en)
}

/// Whether someone with `roles` reads the register.
pub fn may_read(roles: &BTreeSet<Role>) -> Result<(), Refusal> {
    if has_any(roles, &READERS) {
        return Ok(());
    }
    Err(not_permitted(
        "Het register van aanbevelingen is voor de coördinator, de plaatsvervanger, de directeur en het bestuur.",
        "The recommendations register is for the coordinator, the deputy, the director and the board.",
    ))
}

/// Whether someone with `roles` keeps the register.
pub fn may_manage(roles: &BTreeSet<Role>) -> Result<(), Refusal> {
    if has_any(roles, &MANAGERS) {
        return Ok(());
    }
    Err(not_permitted(
        "Alleen de coördinator en de plaatsvervanger houden het register bij (aanbevelingen, klachten, verbeteracties, evaluaties, verslagteksten).",
        "Only the coordinator and the deputy keep the register (recommendations, complaints, improvement actions, evaluations, report texts).",
    ))
}

/// Whether someone with `roles` decides on recommendations (T14).
pub fn may_decide(roles: &BTreeSet<Role>) -> Result<(), Refusal> {
    if has_any(roles, &DECIDERS) {
        return Ok(());
    }
    Err(not_permitted(
        "De directie beslist over aanbevelingen: de directeur of het bestuur.",
        "The directors decide on recommendations: the director or the board.",
    ))
}

/// Whether someone with `roles` may change an improvement action: its owner (`owns`) the status
/// and the result, the coordinator and the deputy anything (`beyond_status`: the change touches
/// the description, the owner or the due date).
pub fn may_change_action(
    roles: &BTreeSet<Role>,
    owns: bool,
    beyond_status: bool,
) -> Result<(), Refusal> {
    let manager = has_any(roles, &MANAGERS);
    if !manager && !owns {
        return Err(not_permitted(
            "Alleen de eigenaar van de actie, de coördinator en de plaatsvervanger mogen een verbeteractie wijzigen.",
            "Only the action's owner, the coordinator and the deputy may change an improvement action.",
        ));
    }
    if !manager && beyond_status {
        return Err(not_permitted(
            "Als eigenaar mag u de status en het resultaat van uw actie wijzigen; de rest wijzigt de coördinator.",
            "As the owner you may change the status and the result of your action; the coordinator changes the rest.",
        )
        .je("Als eigenaar mag je de status en het resultaat van je actie wijzigen; de rest wijzigt de coördinator."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> BTreeSet<Role> {
        r.iter().copied().collect()
    }

    #[test]
    fn t14_the_coordinator_and_deputy_keep_the_register_the_directors_decide() {
        for r in [Role::Coordinator, Role::Deputy] {
            assert!(may_manage(&roles(&[r])).is_ok(), "{r:?}");
            assert!(may_decide(&roles(&[r])).is_err(), "{r:?}");
        }
        for r in [Role::Director, Role::Board] {
            assert!(may_decide(&roles(&[r])).is_ok(), "{r:?}");
            assert!(may_manage(&roles(&[r])).is_err(), "{r:?}");
            assert!(may_read(&roles(&[r])).is_ok(), "{r:?}");
        }
        for r in [Role::Handler, Role::Staff, Role::Registrar, Role::Admin] {
            let refused = may_read(&roles(&[r])).err().map(|e| e.kind);
            assert_eq!(refused, Some(RefusalKind::NotPermitted), "{r:?}");
        }
    }

    #[test]
    fn t14_an_actions_owner_changes_its_status_and_result_only() {
        let handler = roles(&[Role::Handler]);
        assert!(may_change_action(&handler, true, false).is_ok());
        assert!(may_change_action(&handler, true, true).is_err());
        assert!(may_change_action(&handler, false, false).is_err());
        assert!(may_change_action(&roles(&[Role::Deputy]), false, true).is_ok());
    }
}
