from . import property_fire_sign_wizard
