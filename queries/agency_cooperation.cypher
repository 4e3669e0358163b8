// name: agency_cooperation
// description: Who an agency works with: every other agency on the same tasks, with those tasks and both roles.
// param agency: agency, example 省发展改革委 -- key, canonical name or any alias
// param region: region, default "", example 河南省 -- only agencies of this region or province ("" = any)
// unordered: tasks
MATCH (a:Agency)
WHERE $region = '' OR a.region = $region OR a.province = $region
WITH a, $agency AS forms
WHERE a.key IN forms OR a.name IN forms OR any(f IN a.aliases WHERE f IN forms)
   OR ('fn:' + a.level + ':' + a.function) IN forms OR ('fn:' + a.function) IN forms
MATCH (a)-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)<-[q:RESPONSIBLE_FOR|COOPERATES_WITH]-(p:Agency)
WHERE p.key <> a.key
WITH a, p, t, CASE WHEN r.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS role,
     CASE WHEN q.lead IS NULL THEN 'cooperating' ELSE 'responsible' END AS partner_role
WITH a, p, count(DISTINCT t.key) AS shared_tasks,
     collect(DISTINCT {task_key: t.key, task: t.text, role: role, partner_role: partner_role, document: t.doc}) AS tasks
RETURN a.key AS agency_key, a.name AS agency, p.key AS partner_key, p.name AS partner, p.region AS partner_region,
       shared_tasks, tasks
ORDER BY a.key, shared_tasks DESC, p.key
