"""Budget rules that hold whatever the storage: lines and their lifecycle, the cost norms of TT 116/2015 and the
caps computed from them, plan-against-actual figures, Vietnamese money. Pure Python: no framework, no I/O."""
