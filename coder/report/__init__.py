"""Looking at results: `explain` traces and `eval` scores against gold codings."""
