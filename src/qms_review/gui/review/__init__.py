"""The review walkthrough window, in parts: the window and its navigation (``window``), the
item and finding rows (``items``), the pages (``section_page``, ``summary_page``,
``decision_page``), the record made from the decision page (``record``), the forms that talk
to the customer (``forms``), and starting a review (``start``)."""
