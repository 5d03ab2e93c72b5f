"""Indicators service: the indicator catalogue (chỉ tiêu), reporting rounds (đợt báo cáo) and school submissions."""
