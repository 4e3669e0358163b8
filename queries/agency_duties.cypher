// name: agency_duties
// description: The tasks an agency carries, with its role, lead flag, deadline, targets, document and source span; also the tasks addressed to a collective it belongs to (各省辖市人民政府: through = collective) and, with through_reforms, those of the agencies it succeeded or that succeeded it in a reform (through = reform).
// show: agency, role, task, deadline, doc_number, through
// param agency: agency, example 省发展改革委 -- key, canonical name or any alias (省发改委 finds 省发展改革委 too)
// param region: region, default "", example 河南省 -- only agencies of this region and every region under it ("" = any)
// param role: string, default "", example responsible -- responsible, cooperating, or "" for both
// param through_reforms: bool, default false, example true -- also the duties of the agencies it took a whole function over from, or that took its whole function over (up to two reforms away)
// unordered: targets
// anchor: agency
// sort: date, document_key, ordinal, task_key, agency_key, role, through, via_key
// The registry first finds the agencies the name denotes (with the region filter), then runs
// this text once per agency key: a chain that starts from a bound key is a few index hops on
// either store, where one query over every agency's forms took seconds on a large graph.
// role: RESPONSIBLE_FOR always has a lead flag (true/false), COOPERATES_WITH never does.
// via_key / via: the agency that carries the task (the agency itself, the collective, the predecessor).
// coalesce(): LadybugDB 0.22 mislabels the later UNION parts when one expression fills two columns
MATCH (a:Agency {key: $agency})-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WITH a, '' AS through, t, d, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     coalesce(r.lead, false) AS lead
WHERE $role = '' OR role = $role
OPTIONAL MATCH (g:Target)-[:TARGET_OF]->(t)
WITH a, through, t, d, role, lead, collect(g.text) AS targets
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, role AS role, lead AS lead,
       t.key AS task_key, t.ordinal AS ordinal, t.text AS task, t.section AS section,
       t.deadline AS deadline, t.deadline_text AS deadline_text, targets AS targets,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       t.span_start AS span_start, t.span_end AS span_end, through AS through,
       coalesce(a.key, '') AS via_key, coalesce(a.name, '') AS via
UNION ALL
MATCH (a:Agency {key: $agency})-[:MEMBER_OF]->(v:Agency)-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WITH a, v, 'collective' AS through, t, d, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     coalesce(r.lead, false) AS lead
WHERE $role = '' OR role = $role
OPTIONAL MATCH (g:Target)-[:TARGET_OF]->(t)
WITH a, v, through, t, d, role, lead, collect(g.text) AS targets
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, role AS role, lead AS lead,
       t.key AS task_key, t.ordinal AS ordinal, t.text AS task, t.section AS section,
       t.deadline AS deadline, t.deadline_text AS deadline_text, targets AS targets,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       t.span_start AS span_start, t.span_end AS span_end, through AS through, v.key AS via_key, v.name AS via
UNION ALL
MATCH (a:Agency {key: $agency})-[s:SUCCEEDED_BY]-(v:Agency)-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WHERE $through_reforms AND s.share = 'whole'
WITH a, v, 'reform' AS through, t, d, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     coalesce(r.lead, false) AS lead
WHERE $role = '' OR role = $role
OPTIONAL MATCH (g:Target)-[:TARGET_OF]->(t)
WITH a, v, through, t, d, role, lead, collect(g.text) AS targets
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, role AS role, lead AS lead,
       t.key AS task_key, t.ordinal AS ordinal, t.text AS task, t.section AS section,
       t.deadline AS deadline, t.deadline_text AS deadline_text, targets AS targets,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       t.span_start AS span_start, t.span_end AS span_end, through AS through, v.key AS via_key, v.name AS via
UNION ALL
MATCH (a:Agency {key: $agency})-[s1:SUCCEEDED_BY]->(:Agency)-[s2:SUCCEEDED_BY]->(v:Agency)
WHERE $through_reforms AND s1.share = 'whole' AND s2.share = 'whole'
MATCH (v)-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WITH a, v, 'reform' AS through, t, d, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     coalesce(r.lead, false) AS lead
WHERE $role = '' OR role = $role
OPTIONAL MATCH (g:Target)-[:TARGET_OF]->(t)
WITH a, v, through, t, d, role, lead, collect(g.text) AS targets
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, role AS role, lead AS lead,
       t.key AS task_key, t.ordinal AS ordinal, t.text AS task, t.section AS section,
       t.deadline AS deadline, t.deadline_text AS deadline_text, targets AS targets,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       t.span_start AS span_start, t.span_end AS span_end, through AS through, v.key AS via_key, v.name AS via
UNION ALL
MATCH (v:Agency)-[s1:SUCCEEDED_BY]->(:Agency)-[s2:SUCCEEDED_BY]->(a:Agency {key: $agency})
WHERE $through_reforms AND s1.share = 'whole' AND s2.share = 'whole'
MATCH (v)-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->(d:Document)
WITH a, v, 'reform' AS through, t, d, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     coalesce(r.lead, false) AS lead
WHERE $role = '' OR role = $role
OPTIONAL MATCH (g:Target)-[:TARGET_OF]->(t)
WITH a, v, through, t, d, role, lead, collect(g.text) AS targets
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, role AS role, lead AS lead,
       t.key AS task_key, t.ordinal AS ordinal, t.text AS task, t.section AS section,
       t.deadline AS deadline, t.deadline_text AS deadline_text, targets AS targets,
       d.key AS document_key, d.doc_number AS doc_number, d.title AS title, d.date AS date,
       t.span_start AS span_start, t.span_end AS span_end, through AS through, v.key AS via_key, v.name AS via
