"""`make bench`: the speed and size budgets of the site, measured (see README, 'Snelheid')."""
