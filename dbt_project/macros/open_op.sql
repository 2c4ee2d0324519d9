{#-
  Whether a record with a begin and an end date (a benefit spell, a period on the waiting list or in the
  doelgroepregister, an instrument, a placement, a contract) is open on day d, in the monitor's one sense: begun on
  or before d and not ended on or before d. An empty end is open.

  The sources' end date is the record's last day, inclusive (extracts.md and its samples: a benefit ending
  31-05-2024 is followed by a job from 01-06-2024; a placement of 1 April - 31 May lasts 61 days). An extract dated
  the 1st shows the state at the end of the day before, so the extract of 1 July lists a spell whose last day was
  30 June as ended: a month-end stock (d = the month end) leaves it out, and it counts as outflow in June, the month
  of its end date. Hence `einde > d`, never `>=`: a record whose last day is d is no longer open after d, and stocks
  and flows add up (stock of June = stock of May + begun in June - ended in June). docs/decisions.md.
-#}
{% macro open_op(begindatum, einddatum, d) -%}
    ({{ begindatum }} <= {{ d }} and ({{ einddatum }} is null or {{ einddatum }} > {{ d }}))
{%- endmacro %}
