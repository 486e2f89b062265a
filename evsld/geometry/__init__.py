"""Drawing geometry shared by the canvas and the PDF: symbols, labels, wires, layout.

Qt-free and renderer-neutral: everything here produces plain primitives in drawing units
(1 unit = 1 px at 100 % zoom, y downwards) that both the Qt painter and reportlab draw, so
the print matches the screen.
"""
