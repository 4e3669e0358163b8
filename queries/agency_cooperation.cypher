// name: agency_cooperation
// description: Who an agency works with: every other agency on the same tasks, with those tasks and both roles.
// param agency: agency, example 省发展改革委 -- key, canonical name or any alias
// param region: region, default "", example 河南省 -- only agencies of this region or province ("" = any)
// unordered: tasks
WITH $agency AS forms
MATCH (a:Agency)
WHERE (a.key IN forms OR a.name IN forms OR any(f IN a.aliases WHERE f IN forms)
       OR ('fn:' + a.level + ':' + a.function) IN forms OR ('fn:' + a.function) IN forms)
  AND ($region = '' OR a.region = $region OR a.province = $region)
MATCH (a)-[:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)<-[:RESPONSIBLE_FOR|COOPERATES_WITH]-(p:Agency)
WHERE p.key <> a.key
WITH DISTINCT a, t, p
WITH a, t, p,
     CASE WHEN EXISTS { MATCH (a)-[:RESPONSIBLE_FOR]->(t) } THEN 'responsible' ELSE 'cooperating' END AS role,
     CASE WHEN EXISTS { MATCH (p)-[:RESPONSIBLE_FOR]->(t) } THEN 'responsible' ELSE 'cooperating' END AS partner_role
WITH a, p, count(t) AS shared_tasks,
     collect({task_key: t.key, task: t.text, role: role, partner_role: partner_role, document: t.doc}) AS tasks
RETURN a.key AS agency_key, a.name AS agency, p.key AS partner_key, p.name AS partner, p.region AS partner_region,
       shared_tasks, tasks
ORDER BY a.key, shared_tasks DESC, p.key
