"""Pure electrical calculations over the model: design currents, demand, cable ampacity and
voltage drop, short-circuit estimates, phase allocation and load-management allocation.

Everything here is a function of a `Project` (or of plain numbers) and imports only
`evsld.model`. The one entry point the rest of the product shares is
`evsld.calc.analysis.analyse(project)`, computed once per project revision.
"""
