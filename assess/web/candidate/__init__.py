"""The candidate's side: invitation, consent, the paged questionnaire, submit."""
