"""The results layer, between the scoring engine (``assess.scoring``: arrays
in, arrays out) and everything that shows a number (``assess.web``,
``reports``).

- :mod:`assess.results.record`: the result record, the one definition of a
  candidate's stored result, and the upgrade of older records;
- :mod:`assess.results.pipeline`: answers and instruments in, records out
  (the one scoring pipeline), and the item analysis;
- :mod:`assess.results.store`: the one write path and the latest-record read;
- :mod:`assess.results.rescore`: scoring stored answers (final submit,
  re-scoring a campaign);
- :mod:`assess.results.norm_groups`: an organisation's local norms;
- :mod:`assess.results.display`: a record with its band, reason and flag texts;
- :mod:`assess.results.report_inputs`, :mod:`assess.results.report_files`,
  :mod:`assess.results.feedback_pdf`: records to the frozen inputs
  ``reports`` renders, and the stored PDF files;
- :mod:`assess.results.panel`, :mod:`assess.results.fairness`,
  :mod:`assess.results.export`: panel ratings and agreement, the adverse
  impact report, CSV and JSON exports.
"""
