"""Files the budget service writes: the plan-against-actual workbook."""
