// name: diffusion_uppers
// description: The higher-level documents carried down the most: per upper document that a lower-level document derives from (cites), how many lower documents and regions cite it and the lags in days (diffusion gives the pairs themselves).
// show: upper_title, upper_level, lower_documents, adopting_regions
// param q: string, default "", example 产业集聚区 -- only upper documents whose key, 文号 or title holds this ("" = every document)
// unordered: regions, lags
// sort: -adopting_regions, -lower_documents, upper_key
// Levels rank national > province > city > county (as diffusion); a lower document of unknown level counts as lower.
MATCH (l:Document)-[e:DERIVED_FROM]->(u:Document)
WHERE e.basis IS NOT NULL AND u.stub = false AND l.stub = false
  AND ($q = '' OR u.key = $q OR u.doc_number CONTAINS $q OR u.title CONTAINS $q)
WITH u, l, min(e.lag_days) AS lag_days,
     CASE u.level WHEN 'national' THEN 3 WHEN 'province' THEN 2 WHEN 'city' THEN 1 WHEN 'county' THEN 0 ELSE -1 END AS up_rank,
     CASE l.level WHEN 'national' THEN 3 WHEN 'province' THEN 2 WHEN 'city' THEN 1 WHEN 'county' THEN 0 ELSE -1 END AS low_rank
WHERE up_rank > low_rank
WITH u, count(l) AS lower_documents, collect(DISTINCT coalesce(l.county, l.city, l.province)) AS regions,
     collect(lag_days) AS lags
RETURN u.key AS upper_key, u.title AS upper_title, u.doc_number AS upper_number, u.date AS upper_date,
       coalesce(u.county, u.city, u.province) AS upper_region, u.level AS upper_level, lower_documents,
       size(regions) AS adopting_regions, regions, lags
