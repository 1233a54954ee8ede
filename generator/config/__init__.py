"""Environment configuration: typed model, YAML loader, cross-field validation."""
from generator.config.errors import ConfigError, Problem
from generator.config.loader import all_envs, load_config, load_env, load_file
from generator.config.model import EnvironmentConfig, ServiceConfig

__all__ = ["ConfigError", "EnvironmentConfig", "Problem", "ServiceConfig", "all_envs", "load_config",
           "load_env", "load_file"]
