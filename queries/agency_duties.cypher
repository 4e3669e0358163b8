// name: agency_duties
// description: The tasks an agency carries, with its role, lead flag, deadline, targets, document and source span.
// show: agency, role, task, deadline, doc_number
// param agency: agency, example 省发展改革委 -- key, canonical name or any alias (省发改委 finds 省发展改革委 too)
// param region: region, default "", example 河南省 -- only agencies of this region or province ("" = any)
// param role: string, default "", example responsible -- responsible, cooperating, or "" for both
// unordered: targets
// anchor: agency
// sort: date, document_key, ordinal, task_key, agency_key, role
// The registry first finds the agencies the name denotes (with the region filter), then runs
// this text once per agency key: a chain that starts from a bound key is a few index hops on
// either store, where one query over every agency's forms took seconds on a large graph.
// role: RESPONSIBLE_FOR always has a lead flag (true/false), COOPERATES_WITH never does.
MATCH (a:Agency {key: $agency})-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WITH a, t, d, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     coalesce(r.lead, false) AS lead
WHERE $role = '' OR role = $role
OPTIONAL MATCH (g:Target)-[:TARGET_OF]->(t)
WITH a, t, d, role, lead, collect(g.text) AS targets
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, role AS role, lead AS lead,
       t.key AS task_key, t.ordinal AS ordinal, t.text AS task, t.section AS section,
       t.deadline AS deadline, t.deadline_text AS deadline_text, targets AS targets,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       t.span_start AS span_start, t.span_end AS span_end
