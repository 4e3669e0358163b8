// name: instrument_mix_agency
// description: The policy-instrument mix of an agency: the tools of the tasks it is responsible for or cooperates on, how many tasks use each (responsible and cooperating among them), of how many, and the share.
// show: agency, type, tool, tasks, responsible, cooperating, share
// param agency: agency, example 省发展改革委 -- key, canonical name or any alias (省发改委 finds 省发展改革委 too)
// param region: region, default "", example 河南省 -- only agencies of this region and every region under it ("" = any)
// param with_also: bool, default false -- count every tool a task uses, not only its primary one
// anchor: agency
// sort: agency_key, -tasks, tool
// The registry finds the agencies the name denotes, then runs this text once per agency key.
// A task the agency both leads and cooperates on counts once, as responsible.
MATCH (a:Agency {key: $agency})-[r:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[u:USES]->(i:Instrument)
WHERE u.`primary` OR $with_also
WITH a, i, t, count(r.lead) AS led
WITH a, i, count(t) AS tasks, sum(CASE WHEN led > 0 THEN 1 ELSE 0 END) AS responsible
WITH a, collect({tool: i.key, type: i.type, tasks: tasks, responsible: responsible}) AS rows, sum(tasks) AS total
UNWIND rows AS r
RETURN a.key AS agency_key, a.name AS agency, a.region AS region, r.type AS type, r.tool AS tool,
       r.tasks AS tasks, r.responsible AS responsible, r.tasks - r.responsible AS cooperating, total AS total,
       1.0 * r.tasks / total AS share
