// name: agency_successors
// description: An agency across government reforms: the agencies that took over its functions (successor) and those whose functions it took over (predecessor), one or two reforms away (steps), with the year and whether the whole function or a part moved.
// show: agency, relation, steps, other, other_region, year, share
// param agency: agency, example 河南省国土资源厅 -- key, canonical name or any alias
// param region: region, default "", example 河南省 -- only agencies of this region and every region under it ("" = any)
// anchor: agency
// sort: agency_key, relation, steps, year, other_key
// From the reform table (vocab/reforms.py: the 2013, 2018 and 2023 reforms and their local counterparts).
MATCH (a:Agency {key: $agency})-[e:SUCCEEDED_BY]->(o:Agency)
RETURN a.key AS agency_key, a.name AS agency, 'successor' AS relation, 1 AS steps, o.key AS other_key,
       o.name AS other, o.region AS other_region, e.year AS year, e.share AS share, e.note AS note
UNION ALL
MATCH (a:Agency {key: $agency})-[:SUCCEEDED_BY]->(:Agency)-[e:SUCCEEDED_BY]->(o:Agency)
RETURN a.key AS agency_key, a.name AS agency, 'successor' AS relation, 2 AS steps, o.key AS other_key,
       o.name AS other, o.region AS other_region, e.year AS year, e.share AS share, e.note AS note
UNION ALL
MATCH (o:Agency)-[e:SUCCEEDED_BY]->(a:Agency {key: $agency})
RETURN a.key AS agency_key, a.name AS agency, 'predecessor' AS relation, 1 AS steps, o.key AS other_key,
       o.name AS other, o.region AS other_region, e.year AS year, e.share AS share, e.note AS note
UNION ALL
MATCH (o:Agency)-[e:SUCCEEDED_BY]->(:Agency)-[:SUCCEEDED_BY]->(a:Agency {key: $agency})
RETURN a.key AS agency_key, a.name AS agency, 'predecessor' AS relation, 2 AS steps, o.key AS other_key,
       o.name AS other, o.region AS other_region, e.year AS year, e.share AS share, e.note AS note
