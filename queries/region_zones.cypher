// name: region_zones
// description: Industrial zones, parks and development zones of a region or named in its documents, with how many documents name them and the clusters grown there.
// show: zone, kind, region, documents, clusters
// param region: region, example 许昌市 -- a province, city or county, and every region under it
// unordered: clusters
MATCH (z:Zone)
WHERE z.region = $region
   OR EXISTS { MATCH (z)-[:MENTIONED_IN]->(d:Document) WHERE d.province = $region OR d.city = $region OR d.county = $region }
OPTIONAL MATCH (z)-[:MENTIONED_IN]->(m:Document)
WITH z, count(DISTINCT m) AS documents
OPTIONAL MATCH (z)-[:MEMBER_OF]-(c:Cluster)
WITH z, documents, collect(DISTINCT c.name) AS clusters
RETURN z.key AS zone_key, z.name AS zone, z.kind AS kind, z.region AS region, documents, clusters
ORDER BY z.name, z.key
