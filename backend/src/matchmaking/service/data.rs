//! The person's data: their matchmaking for the data download.

use super::*;

/// The account's matchmaking at every event, for their data download: profiles with topics
/// and entries, requests (with the other side's name) and meetings.
pub async fn export_of(
    conn: &mut DbConn,
    account: AccountId,
) -> Result<Vec<serde_json::Value>, AppError> {
    use serde_json::json;
    let mut out = Vec::new();
    for (id, event_id) in queries::profiles_of_account(conn, account).await? {
        let Some(event) = crate::event::queries::find(conn, event_id).await? else {
            continue;
        };
        let Some(settings) = queries::settings(conn, event_id).await? else {
            continue;
        };
        let world = load_world_with(conn, event, settings).await?;
        let Some(p) = world.profile(id) else { continue };
        let name = |other: i64| {
            world
                .profile(other)
                .map(|o| o.name.clone())
                .unwrap_or_default()
        };
        out.push(json!({
            "event": world.event.slug,
            "organisation": p.organisation,
            "country": p.country,
            "description": p.description,
            "hidden": p.hidden,
            "topics": world.topics_of(id).iter().map(|t| t.name_en.clone()).collect::<Vec<_>>(),
            "entries": world.entries_of(id).iter().map(|e| json!({"kind": e.kind.as_str(), "title": e.title, "text": e.body})).collect::<Vec<_>>(),
            "requests": world.requests.iter().filter(|r| r.involves(id)).map(|r| json!({
                "sent_by_you": r.from_profile == id,
                "with": name(r.other(id)),
                "message": r.message,
                "status": r.status.as_str(),
                "reason": r.reason,
                "created_at": r.created_at,
            })).collect::<Vec<_>>(),
            "meetings": world.live_meetings().filter(|m| m.involves(id)).map(|m| json!({
                "with": name(m.other(id)),
                "starts_at": m.starts_at,
                "ends_at": m.ends_at,
                "table": world.table_name(m.session_id, m.table_no),
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(out)
}

/// Before an account is deleted (inside its transaction): every open request of theirs is
/// cancelled, their meetings too, and the other people are told. The profiles go with the
/// account.
pub async fn withdraw_everywhere(
    state: &AppState,
    conn: &mut DbConn,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for (_, event_id) in queries::profiles_of_account(conn, account).await? {
        let Some(event) = crate::event::queries::find(conn, event_id).await? else {
            continue;
        };
        let Some(settings) = queries::settings(conn, event_id).await? else {
            continue;
        };
        queries::lock(conn, event_id).await?;
        let world = load_world_with(conn, event, settings).await?;
        let Some(mine) = world.profile_of(account).cloned() else {
            continue;
        };
        for r in world
            .requests
            .iter()
            .filter(|r| r.status.is_open() && r.involves(mine.id))
        {
            let notes = close(conn, &world, r, "", Some(account), now).await?;
            send_notes(state, conn, &world, &notes, now).await?;
        }
    }
    Ok(())
}

/// Whether the event has matchmaking switched on (the event page links to it).
pub async fn is_open(state: &AppState, event: &Event) -> Result<bool, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::settings(&mut conn, event.id)
        .await?
        .is_some_and(|s| s.enabled))
}
