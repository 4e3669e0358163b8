// name: coissuance
// description: Which agencies issue documents together (联合发文): every pair of issuers of a joint document, with how many documents they issued together and which.
// show: agency, agency_region, partner, partner_region, documents
// param region: region, default "", example 河南省 -- only pairs of which one agency sits in this region or a region under it ("" = any)
// param min_documents: int, default 1, example 2 -- only pairs with at least this many joint documents
// unordered: document_keys
// sort: -documents, agency_key, partner_key
// Each pair once (the smaller key first); the GEXF network of `policykg export --coissuance` is these rows.
MATCH (a:Agency)<-[:ISSUED_BY]-(d:Document)-[:ISSUED_BY]->(b:Agency)
WHERE a.key < b.key
  AND ($region = '' OR a.region IN $region_under OR a.province IN $region_under
       OR b.region IN $region_under OR b.province IN $region_under)
WITH a, b, count(DISTINCT d) AS documents, collect(DISTINCT d.key) AS document_keys
WHERE documents >= $min_documents
RETURN a.key AS agency_key, a.name AS agency, a.region AS agency_region, a.level AS agency_level,
       b.key AS partner_key, b.name AS partner, b.region AS partner_region, b.level AS partner_level,
       documents AS documents, document_keys AS document_keys
