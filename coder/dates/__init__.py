"""Resolve the date of an event from the words of its sentence and the article's date.

Standard library only, for speed on millions of sentences: patterns are compiled once at import,
each starts with a literal or character class (fast scanning), and a sentence is only scanned by
the pattern groups its words can feed (digits, month names, weekday names, time words).

    >>> import datetime as dt
    >>> r = resolve_event_date("Rebels attacked the town on Wednesday.", dt.date(2016, 10, 27))
    >>> r.date, r.text, r.precision
    (datetime.date(2016, 10, 26), 'on Wednesday', 1)

Conventions (precision is ACLED's time_precision):

* Past by default: a bare weekday, month or day of month is the latest one on or before the
  article date ("on Thursday" in a Thursday article is that day). ``future=True`` takes the
  earliest one on or after it. Words that carry their own direction ("yesterday", "last", "ago",
  "tomorrow", "next", "later this week") keep it whatever ``future`` says. "last Monday" is the
  latest Monday strictly before the article date, "next Monday" the first strictly after.
* A day and month without a year ("Oct. 24") is read as in news style, where other years are
  written out: the past reading takes the latest such date up to 31 days *after* the article date
  (so "voters go to the polls on Nov. 8" stays this year), a named weekday ("Sunday, Nov. 6")
  picks the year in which it agrees. Slash dates need a four-digit year; when both day/month and
  month/day are valid ("05/10/2016") the reading nearest the article date (on the expected side)
  wins, and with no article date the result is None.
* "last night" is the day before the article date (precision 1); "overnight" too, with precision
  2 since the night runs into the article date.
* Several expressions: the one nearest the verb (character distance from the trigger word; on a
  tie the one after the verb), skipping those inside a ", who/which ... ," aside that does not
  hold the verb. Without ``verb_start`` the first one.
* Ranges ("last week", "earlier this month", "in March", "in 2014", "early October") are dated at
  their midpoint, rounded down (the expected value, and the "middle of the period" that event
  datasets such as ACLED use for week- and month-level dates). A range that
  contains the article date ends at the article date in the past reading ("this week" in a
  Thursday article runs Monday..Thursday) and starts there in the future reading. Weeks run
  Monday..Sunday (ISO); "earlier this week" stops the day before the article date. Precision: 2
  for weeks, weekends and "a few days", 3 for months, parts of months ("early March"), years.
* "since X" / "from X" describe something ongoing: the date is the *start* of X, with X's
  precision, and the reason says "since".
* "two days later", "the next day", "a week earlier" count from another date in the same
  sentence (the nearest one); with none the date is None and the reason says it cannot be anchored.
* Relative words with no article date give date None (never a guess); absolute dates with a year
  ("Oct. 24, 2016", "2016-10-24", "in 2014") still resolve.
* Lower-case "may"/"march" are never months; a month name alone needs a preposition or a modifier
  ("in March", "last May", "mid-June"); "May" followed by a capitalised word is a name.

Modules: ``patterns`` (words and regular expressions), ``expressions`` (finding the expressions of a
sentence), ``readings`` (dating one expression), ``resolve`` (the event date of a sentence),
``article`` (an article's publication date), ``arithmetic`` (calendar arithmetic).
"""
from __future__ import annotations

from .article import infer_article_date
from .resolve import DateResolution, resolve_event_date

__all__ = ["DateResolution", "resolve_event_date", "infer_article_date"]
