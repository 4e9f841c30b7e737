"""Reports: one self-contained HTML file (plotly charts, tables, sources) per stored run; PDF if Chromium is there."""

from palanca.report._html import find_pdf_engine, render_report, write_pdf, write_report

__all__ = ["find_pdf_engine", "render_report", "write_pdf", "write_report"]
