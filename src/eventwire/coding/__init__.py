"""Event coding: types, actors, modality, attribution, dates, event location."""
