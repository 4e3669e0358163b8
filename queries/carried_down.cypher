// name: carried_down
// description: The documents of the levels above a region that it carries down: each higher-level document that one of the region's own documents (issued at its level) derives from (cites), with how many of the region's documents cite it, which, and the shortest and longest lag in days.
// show: upper_title, upper_level, lower_documents, first_lag_days
// param region: region, example 许昌市 -- a province, city or county: the documents of this region exactly (not of the regions under it)
// unordered: lower_keys
// sort: -lower_documents, upper_date, upper_key
// Levels rank national > province > city > county (as diffusion); a citing document of unknown level counts as lower.
MATCH (l:Document)-[e:DERIVED_FROM]->(u:Document)
WHERE coalesce(l.county, l.city, l.province) = $region AND e.basis IS NOT NULL AND u.stub = false AND l.stub = false
WITH u, l, min(e.lag_days) AS lag_days,
     CASE u.level WHEN 'national' THEN 3 WHEN 'province' THEN 2 WHEN 'city' THEN 1 WHEN 'county' THEN 0 ELSE -1 END AS up_rank,
     CASE l.level WHEN 'national' THEN 3 WHEN 'province' THEN 2 WHEN 'city' THEN 1 WHEN 'county' THEN 0 ELSE -1 END AS low_rank
WHERE up_rank > low_rank
WITH u, count(l) AS lower_documents, collect(l.key) AS lower_keys, min(lag_days) AS first_lag_days,
     max(lag_days) AS last_lag_days
RETURN u.key AS upper_key, u.title AS upper_title, u.doc_number AS upper_number, u.date AS upper_date,
       coalesce(u.county, u.city, u.province) AS upper_region, u.level AS upper_level, lower_documents, lower_keys,
       first_lag_days, last_lag_days
