"""抓作风 beyond the plain records: who attended which meeting, and the 政治生日 of each member."""
