"""CI/CD for one service: source, image registry, artifact store, build, deploy (rolling or blue/green)."""
from generator.constructs.pipeline.pipeline import ServicePipeline

__all__ = ["ServicePipeline"]
