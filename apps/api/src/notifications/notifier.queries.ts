/**
 * SQL of the notifier and the periodic checks, run as the system (row-level security lets it
 * read every watch, setting and user).
 */

/** Any constant works: the key every API process takes before running the periodic checks. */
export const CHECKS_LOCK_KEY = 7_142_683_001;

export const TRY_CHECKS_LOCK = 'SELECT pg_try_advisory_xact_lock($1::bigint) AS locked';

/**
 * The oldest events nobody took yet, locked for this transaction; other processes skip them.
 * Uses event_unnotified_idx (partial index on id where notified_at IS NULL).
 */
export const CLAIM_EVENTS = `
  SELECT e.id::text AS id, e.kind, e.test_id AS "testId", e.payload, e.notify, e.created_at AS "createdAt"
  FROM event e WHERE e.notified_at IS NULL
  ORDER BY e.id LIMIT $1 FOR UPDATE SKIP LOCKED`;

export const MARK_NOTIFIED = `UPDATE event SET notified_at = now() WHERE id = ANY($1::bigint[])`;

/**
 * Who is told about each of the tests $1, at which addresses:
 * - users named by the test's watch;
 * - for each team of the watch: the team's own e-mail settings (a mailing list) when it has any,
 *   else its members who can view its data (viewer or tester role, in Granary's memberships or
 *   the identity provider's roles);
 * - minus the user names that opted out, disabled users, and anyone who may no longer see the
 *   test (it became private to another team after they subscribed): mails carry the test's data.
 * A user's addresses are its enabled e-mail settings, or its account's e-mail when it has no
 * setting at all (a disabled setting silences it). Duplicates are removed by the caller.
 * Cost: one pass over the watches of $1 (watch_test_id_key), the members of their teams and
 * their settings (notification_setting_name_idx).
 */
export const RECIPIENTS = `
  WITH w AS (
    SELECT test_id, coalesce(users, '{}') AS users, coalesce(teams, '{}') AS teams, coalesce(optout, '{}') AS optout
    FROM watch WHERE test_id = ANY($1::int[])
  ), watched_teams AS (
    SELECT w.test_id, x.team FROM w CROSS JOIN unnest(w.teams) AS x(team)
  ), team_settings AS (
    SELECT wt.test_id, wt.team, ns.data, ns.disabled
    FROM watched_teams wt JOIN notification_setting ns ON ns.is_team AND ns.name = wt.team AND ns.method = 'email'
  ), people AS (
    SELECT w.test_id, x.username FROM w CROSS JOIN unnest(w.users) AS x(username)
    UNION
    SELECT wt.test_id, u.username
    FROM watched_teams wt JOIN app_user u ON (
      EXISTS (SELECT 1 FROM team_membership m JOIN team t ON t.id = m.team_id
              WHERE m.user_id = u.id AND t.name = wt.team AND m.role::text IN ('VIEWER', 'TESTER'))
      OR u.external_roles && ARRAY[granary_team_role(wt.team, 'viewer'), granary_team_role(wt.team, 'tester')])
    WHERE NOT EXISTS (SELECT 1 FROM team_settings s WHERE s.test_id = wt.test_id AND s.team = wt.team)
  )
  SELECT p.test_id AS "testId", p.username AS name, a.address
  FROM people p
  JOIN w ON w.test_id = p.test_id
  JOIN test t ON t.id = p.test_id
  JOIN app_user u ON u.username = p.username AND NOT u.disabled
  CROSS JOIN LATERAL (
    SELECT ns.data AS address FROM notification_setting ns
    WHERE NOT ns.is_team AND ns.name = u.username AND ns.method = 'email' AND NOT ns.disabled
    UNION ALL
    SELECT u.email WHERE NOT EXISTS (SELECT 1 FROM notification_setting ns WHERE NOT ns.is_team AND ns.name = u.username)
  ) a
  WHERE p.username <> ALL (w.optout) AND coalesce(btrim(a.address), '') <> ''
    AND (t.access = 'PUBLIC' OR u.is_admin
         OR EXISTS (SELECT 1 FROM team_membership m JOIN team tm ON tm.id = m.team_id
                    WHERE m.user_id = u.id AND m.role::text IN ('VIEWER', 'TESTER') AND (t.access = 'PROTECTED' OR tm.name = t.owner))
         OR u.external_roles && ARRAY[granary_team_role(t.owner, 'viewer'), granary_team_role(t.owner, 'tester')]
         OR (t.access = 'PROTECTED' AND EXISTS (SELECT 1 FROM unnest(u.external_roles) r WHERE r LIKE '%-viewer' OR r LIKE '%-tester')))
  UNION ALL
  SELECT s.test_id, s.team, s.data FROM team_settings s JOIN test t ON t.id = s.test_id
  WHERE NOT s.disabled AND coalesce(btrim(s.data), '') <> '' AND (t.access <> 'PRIVATE' OR s.team = t.owner)`;
