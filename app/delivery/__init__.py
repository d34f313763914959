"""抓落实: key tasks and 倒排工期, the wall chart's content, 月调度, and the 问题台账 from finding to 销号."""
