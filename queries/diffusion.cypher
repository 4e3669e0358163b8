// name: diffusion
// description: How higher-level documents are carried down: each (upper, lower) pair where a lower-level document derives from (cites) an upper one, both resolved to ingested documents, with the lag in days, how many of the upper document's tasks a task of the lower one derives from, and the share of the upper text the lower one reproduces.
// show: upper_title, lower_title, lower_region, lag_days, tasks_carried, tasks_total, reproduction
// param upper: string, default "", example 国办发〔2021〕22号 -- the upper document: its key, 文号 or a fragment of its title ("" = every document)
// param region: region, default "", example 河南省 -- only lower documents of this region and every region under it ("" = any)
// sort: upper_key, lag_days, lower_key
// Levels rank national > province > city > county; a lower document of unknown level counts as lower.
// One row per pair: several citations of one document by another are one derivation.
MATCH (l:Document)-[e:DERIVED_FROM]->(u:Document)
WHERE e.basis IS NOT NULL AND u.stub = false AND l.stub = false
  AND ($upper = '' OR u.key = $upper OR u.doc_number = $upper OR u.title CONTAINS $upper)
  AND ($region = '' OR l.province = $region OR l.city = $region OR l.county = $region)
WITH u, l, min(e.lag_days) AS lag_days, max(e.reproduction) AS reproduction, max(e.score) AS score,
     min(e.basis) AS basis,
     CASE u.level WHEN 'national' THEN 3 WHEN 'province' THEN 2 WHEN 'city' THEN 1 WHEN 'county' THEN 0 ELSE -1 END AS up_rank,
     CASE l.level WHEN 'national' THEN 3 WHEN 'province' THEN 2 WHEN 'city' THEN 1 WHEN 'county' THEN 0 ELSE -1 END AS low_rank
WHERE up_rank > low_rank
OPTIONAL MATCH (ut:Task)-[:PART_OF]->(u)
WITH u, l, lag_days, reproduction, score, basis, count(ut) AS tasks_total
OPTIONAL MATCH (l)<-[:PART_OF]-(:Task)-[:DERIVED_FROM]->(carried:Task)-[:PART_OF]->(u)
WITH u, l, lag_days, reproduction, score, basis, tasks_total, count(DISTINCT carried) AS tasks_carried
RETURN u.key AS upper_key, u.source AS upper_source, u.title AS upper_title, u.date AS upper_date,
       coalesce(u.county, u.city, u.province) AS upper_region, u.level AS upper_level,
       l.key AS lower_key, l.source AS lower_source, l.title AS lower_title, l.date AS lower_date,
       coalesce(l.county, l.city, l.province) AS lower_region, l.level AS lower_level,
       basis AS basis, score AS score, lag_days AS lag_days, tasks_carried AS tasks_carried,
       tasks_total AS tasks_total, reproduction AS reproduction
