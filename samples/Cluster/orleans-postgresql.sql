-- AttrHpo's PostgreSQL schema for Orleans' ADO.NET providers (written for and tested with Orleans 10.4.2, PostgreSQL 15):
--   Microsoft.Orleans.Clustering.AdoNet   (silo.UseAdoNetClustering, Invariant "Npgsql")
--   Microsoft.Orleans.Persistence.AdoNet  (silo.AddAdoNetGrainStorage, Invariant "Npgsql")
-- Both providers run no SQL of their own: at start they read their statements from the table OrleansQuery (QueryKey,
-- QueryText) and then execute them with named parameters (@DeploymentId, @GrainStateVersion, ...), reading result columns by
-- name. This file creates our tables and fills OrleansQuery with our statements. It is our own, written from the providers'
-- contract (the keys they look up, the parameters they bind, the columns they read); Orleans' scripts are not in its NuGet
-- packages. docs/orleans.md says how to run it.
--
-- Everything is created in the first schema of the search path (Search Path= in the connection string picks one). Running
-- the file again changes nothing but the statements' text (so a newer copy of it updates them); run it once before the
-- silos start, not from every silo at once (concurrent CREATE TABLEs of one table can fail).
-- Do not run it on a database where Orleans' own scripts filled OrleansQuery: our statements would replace theirs.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Membership (clustering). One version row per cluster (Orleans' ClusterId, which the provider binds as @DeploymentId) and
-- one row per silo incarnation (address, port, generation). Orleans' membership protocol is optimistic: a silo reads every
-- row together with the cluster's version, and a change (a silo joining, a status or a suspicion) is written only if the
-- version is still the one it read; the write increments it. Every statement below that changes a silo's row therefore
-- does so in the same statement that moves the version from @Version to @Version + 1, and changes nothing when that fails.
-- Only the "I am alive" time is written without the version, as the protocol allows.
-- ---------------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_cluster_version
(
    cluster_id TEXT PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 0,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_silo
(
    cluster_id      TEXT NOT NULL REFERENCES orleans_cluster_version (cluster_id) ON DELETE CASCADE,
    address         TEXT NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT,
    host_name       TEXT NOT NULL,
    status          INTEGER NOT NULL,    -- Orleans' SiloStatus: 2 joining, 3 active, 4 shutting down, 5 stopping, 6 dead
    proxy_port      INTEGER NOT NULL,    -- the gateway port; 0 when the silo has none
    suspect_times   TEXT,                -- Orleans' own "silo,time|silo,time" text, kept as written
    start_time      TIMESTAMPTZ NOT NULL,
    i_am_alive_time TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- A silo starting: the cluster's version row, created once. One row, true when this call created it.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleans_cluster_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)'),

-- Every silo of the cluster with the cluster's version, as of one snapshot. The version row is always returned (with
-- NULLs for the silo columns when no silo has joined yet): the provider takes the version from the first row.
('MembershipReadAllKey', '
SELECT v.version AS "Version", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
       s.suspect_times AS "SuspectTimes", s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s ON s.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId'),

-- The same for one silo.
('MembershipReadRowKey', '
SELECT v.version AS "Version", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
       s.suspect_times AS "SuspectTimes", s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s ON s.cluster_id = v.cluster_id
    AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
WHERE v.cluster_id = @DeploymentId'),

-- A silo joining. The version moves on only if it is still @Version and the silo is not listed yet; the row is added only
-- if it moved. A concurrent writer that got there first changed the version, so this one matches nothing (PostgreSQL
-- re-checks the condition on the row it waited for). One row: true when the silo was added.
('InsertMembershipKey', '
WITH bumped AS (
    UPDATE orleans_cluster_version v SET version = v.version + 1, changed_at = now()
    WHERE v.cluster_id = @DeploymentId AND v.version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_silo s WHERE s.cluster_id = v.cluster_id
                      AND s.address = @Address AND s.port = @Port AND s.generation = @Generation)
    RETURNING v.cluster_id),
added AS (
    INSERT INTO orleans_silo (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port,
                              start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM added)'),

-- A silo's status, suspicions and alive time changing: the same version check, on a silo that is listed.
('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE orleans_cluster_version v SET version = v.version + 1, changed_at = now()
    WHERE v.cluster_id = @DeploymentId AND v.version = @Version
      AND EXISTS (SELECT 1 FROM orleans_silo s WHERE s.cluster_id = v.cluster_id
                  AND s.address = @Address AND s.port = @Port AND s.generation = @Generation)
    RETURNING v.cluster_id),
changed AS (
    UPDATE orleans_silo s SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE s.cluster_id = bumped.cluster_id AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM changed)'),

-- A silo's periodic heartbeat: its alive time only, no version.
('UpdateIAmAlivetimeKey', '
UPDATE orleans_silo SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),

-- The silos that accept clients: active ones with a gateway port.
('GatewaysQueryKey', '
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_silo
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0'),

-- Housekeeping of long-gone silos: rows of dead silos last alive before @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans_silo
WHERE cluster_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime'),

-- The whole cluster's membership, version row included (its silos go with it).
('DeleteMembershipTableEntriesKey', '
DELETE FROM orleans_cluster_version WHERE cluster_id = @DeploymentId')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ---------------------------------------------------------------------------------------------------------------------
-- Grain state (persistence). One row per grain state, identified by the service (Orleans' ServiceId), the state's name
-- (bound as @GrainTypeString) and the grain's key: two 64-bit halves for Guid and integer keys, and the text of a string
-- key or key extension. The provider also binds hashes of the key and name (@GrainIdHash, @GrainTypeHash); this schema
-- does not use them, so the row of a grain stays the same whichever hash function the provider is configured with.
-- The row's version is the grain's ETag: a write names the version it read (@GrainStateVersion, NULL when it read none)
-- and succeeds only if the row still has it, so two activations of one grain never overwrite each other unseen.
-- ---------------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id    TEXT NOT NULL,
    state_name    TEXT NOT NULL,
    key_n0        BIGINT NOT NULL,
    key_n1        BIGINT NOT NULL,
    key_text      TEXT,              -- a string key, or a Guid or integer key's extension; NULL when there is none
    payload       BYTEA,             -- NULL once cleared (the row and its version stay)
    version       INTEGER NOT NULL,
    modified_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- NULLS NOT DISTINCT (PostgreSQL 15): a key without text is one row too, never two.
    CONSTRAINT orleans_grain_state_key UNIQUE NULLS NOT DISTINCT (service_id, state_name, key_n0, key_n1, key_text)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- At most one row: the state (NULL once cleared) and its version.
('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
  AND (key_text = @GrainIdExtensionString OR (@GrainIdExtensionString IS NULL AND key_text IS NULL))'),

-- A write: the first one (no version read) inserts version 1, a later one replaces the state of the version it read and
-- increments it. Always one row: the new version, or NULL when the row was not as read (the provider then throws
-- InconsistentStateException and the grain's activation is reset).
('WriteToStorageKey', '
WITH replaced AS (
    UPDATE orleans_grain_state SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND service_id = @ServiceId AND state_name = @GrainTypeString AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND (key_text = @GrainIdExtensionString OR (@GrainIdExtensionString IS NULL AND key_text IS NULL))
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, state_name, key_n0, key_n1, key_text, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version)
SELECT COALESCE((SELECT version FROM replaced), (SELECT version FROM inserted)) AS "NewGrainStateVersion"'),

-- ClearStateAsync: the state goes, the row and its incremented version stay (the grain's next write names that version).
-- One row: the new version, or NULL when the row was not as read.
('ClearStorageKey', '
WITH cleared AS (
    UPDATE orleans_grain_state SET payload = NULL, version = version + 1, modified_at = now()
    WHERE version = @GrainStateVersion
      AND service_id = @ServiceId AND state_name = @GrainTypeString AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND (key_text = @GrainIdExtensionString OR (@GrainIdExtensionString IS NULL AND key_text IS NULL))
    RETURNING version)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"'),

-- ClearStateAsync with the provider's DeleteStateOnClear: the row goes. One row: the deleted version + 1 (a value the
-- provider only checks for being new), or NULL when the row was not as read.
('DeleteStorageKey', '
WITH deleted AS (
    DELETE FROM orleans_grain_state
    WHERE version = @GrainStateVersion
      AND service_id = @ServiceId AND state_name = @GrainTypeString AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND (key_text = @GrainIdExtensionString OR (@GrainIdExtensionString IS NULL AND key_text IS NULL))
    RETURNING version)
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
