// name: agency_cooperation
// description: Who an agency works with: every other agency on the same tasks, with those tasks and both roles.
// show: agency, partner, partner_region, shared_tasks
// param agency: agency, example 省发展改革委 -- key, canonical name or any alias
// param region: region, default "", example 河南省 -- only agencies of this region and every region under it ("" = any)
// unordered: tasks
// anchor: agency
// sort: agency_key, -shared_tasks, partner_key
// Run once per agency key the name denotes (see agency_duties).
MATCH (a:Agency {key: $agency})-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)<-[q:RESPONSIBLE_FOR|COOPERATES_WITH]-(p:Agency)
WHERE p.key <> a.key
WITH a, p, t, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     CASE WHEN q.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS partner_role
WITH a, p, count(DISTINCT t.key) AS shared_tasks,
     collect(DISTINCT {task_key: t.key, task: t.text, role: role, partner_role: partner_role, document: t.doc}) AS tasks
RETURN a.key AS agency_key, a.name AS agency, p.key AS partner_key, p.name AS partner, p.region AS partner_region,
       shared_tasks AS shared_tasks, tasks AS tasks
