"""Every printed document (ReportLab, no Qt): notices, scorecards, the summary, ledger, dispatch sheet, wall chart.

Each document is first laid out as a :class:`app.printing.page.Document` — positioned
text runs and rules on A4 pages — which is then written as PDF here, and painted with
QPainter by the window for its preview and for the office printer, so both show the
same lines in the same fonts.
"""
