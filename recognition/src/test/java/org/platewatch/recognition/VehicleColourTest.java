package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class VehicleColourTest {

    @Test
    void namesTheBodyColourAboveThePlate() {
        BufferedImage car = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = car.createGraphics();
        g.setColor(new Color(180, 20, 25));
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.WHITE);
        g.fillRect(160, 200, 80, 40);
        g.dispose();
        var d = new VehicleColourEstimator()
                .describe(car, new PlateBox(160, 200, 80, 40))
                .orElseThrow();
        assertThat(d.color()).isEqualTo("red");
        assertThat(d.make()).isNull();
        assertThat(d.type()).isNull();
    }

    @Test
    void aMixedRegionIsUnknownRatherThanGuessed() {
        BufferedImage stripes = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW};
        for (int x = 0; x < 400; x++) {
            for (int y = 0; y < 300; y++) {
                stripes.setRGB(x, y, colours[(x / 5) % 4].getRGB());
            }
        }
        var d = new VehicleColourEstimator()
                .describe(stripes, new PlateBox(160, 200, 80, 40))
                .orElseThrow();
        assertThat(d.color()).isNull();
    }

    @Test
    void colourNames() {
        assertThat(VehicleColourEstimator.name(0, 0, 0.1f)).isEqualTo("black");
        assertThat(VehicleColourEstimator.name(0, 0.05f, 0.95f)).isEqualTo("white");
        assertThat(VehicleColourEstimator.name(0, 0.05f, 0.6f)).isEqualTo("silver");
        assertThat(VehicleColourEstimator.name(220, 0.8f, 0.6f)).isEqualTo("blue");
    }
}
