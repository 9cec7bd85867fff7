"""Parse layer: goal trees, indicator tables, values, budgets and metadata from laid-out pages."""
