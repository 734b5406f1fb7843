"""Staff pages of e-petitions (електронні петиції): the list and card (pages) and the fraud tools."""
