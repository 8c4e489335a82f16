-- Issue 21 item 3, hub mode: hot-list entries by agency. The designated lists (the state and federal sources) stay
-- the whole hub's: their entries have no agency (NULL) and are matched against every agency's reads. A custom entry
-- (BOLO) is its agency's: matched against that agency's reads alone, seen and changed by its members alone. A
-- nullable column without a default is metadata only; the one UPDATE touches the custom list's entries alone.
ALTER TABLE hotlist_entries ADD COLUMN agency_id integer REFERENCES hub_agencies (id);
-- The custom entries made so far are their entering member's agency's (the home agency's where the member is gone):
-- a hub that ran before this migration keeps each agency's BOLO entries its own.
UPDATE hotlist_entries e
SET agency_id = coalesce((SELECT u.agency_id FROM users u WHERE u.username = e.entered_by), 1)
WHERE e.hotlist_id IN (SELECT id FROM hotlists WHERE format = 'CUSTOM');

-- In force in hub mode only (hub_mode_enable_hotlist_entries below). Reading: the hub-wide entries, the acting
-- agency's own, and every entry for the hub-wide maintenance (the matcher's rebuild). Writing: an agency its own
-- entries; the hub-wide lists' entries only the home agency (its administrators' imports, the scheduled fetch acting
-- for it). No agency set: the hub-wide entries only, and no write (fail closed).
CREATE POLICY hotlist_entries_read ON hotlist_entries FOR SELECT TO "${appRole}"
    USING (agency_id IS NULL OR agency_id = (SELECT platewatch_agency()) OR (SELECT platewatch_hub_wide()));
CREATE POLICY hotlist_entries_store ON hotlist_entries FOR INSERT TO "${appRole}"
    WITH CHECK (coalesce(agency_id, 1) = (SELECT platewatch_agency()));
CREATE POLICY hotlist_entries_change ON hotlist_entries FOR UPDATE TO "${appRole}"
    USING (coalesce(agency_id, 1) = (SELECT platewatch_agency()))
    WITH CHECK (coalesce(agency_id, 1) = (SELECT platewatch_agency()));
CREATE POLICY hotlist_entries_remove ON hotlist_entries FOR DELETE TO "${appRole}"
    USING (coalesce(agency_id, 1) = (SELECT platewatch_agency()));

-- Run by the schema owner at each start of a hub server after hub_mode_enable() (platform.HubModeSchema runs every
-- function named hub_mode_enable_*), so that a database that became a hub before this migration gets it too.
CREATE FUNCTION hub_mode_enable_hotlist_entries() RETURNS void
    LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = 'hotlist_entries'::regclass) THEN
        ALTER TABLE hotlist_entries ENABLE ROW LEVEL SECURITY;
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION hub_mode_enable_hotlist_entries() FROM PUBLIC, "${appRole}";
