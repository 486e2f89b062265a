"""PDF export: drawing sheets, title block, legend and report pages (reportlab, no Qt)."""
